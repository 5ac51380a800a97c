using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Databases;

/// <summary>The database checks on a real PostgreSQL server (Npgsql), started by <see cref="PostgresFixture"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTests(PostgresFixture fixture) : IDisposable
{
    private readonly TestEngine _engine = new PostgresEngine(fixture);

    /// <inheritdoc/>
    public void Dispose() => _engine.Dispose();

    [PostgresFact]
    public void Customers_from_the_engine_segment_bit_for_bit_as_from_csv() => EngineChecks.SegmentationsAgree(_engine);

    [PostgresFact]
    public void Transactions_from_the_engine_equal_the_csv_export() => EngineChecks.TransactionsAgree(_engine, ReturnsPolicy.Exclude);

    [PostgresFact]
    public void Transactions_with_netted_returns_from_the_engine_equal_the_csv_export() => EngineChecks.TransactionsAgree(_engine, ReturnsPolicy.NetAgainstPurchases);

    [PostgresFact]
    public void Rfm_pushed_down_equals_rfm_in_memory() => EngineChecks.RfmAgrees(_engine, ReturnsPolicy.Exclude, FrequencyBasis.Auto);

    [PostgresFact]
    public void Rfm_pushed_down_with_netted_returns_and_purchase_days_equals_rfm_in_memory() => EngineChecks.RfmAgrees(_engine, ReturnsPolicy.NetAgainstPurchases, FrequencyBasis.PurchaseDays);

    [PostgresFact]
    public void Purchase_summary_pushed_down_equals_the_summary_in_memory() => EngineChecks.PurchaseSummaryAgrees(_engine, ReturnsPolicy.Exclude, PeriodUnit.Days);

    [PostgresFact]
    public void Purchase_summary_in_weeks_with_netted_returns_pushed_down_equals_the_summary_in_memory() => EngineChecks.PurchaseSummaryAgrees(_engine, ReturnsPolicy.NetAgainstPurchases, PeriodUnit.Weeks);

    [PostgresFact]
    public void Bad_customer_rows_are_named_by_row_and_column() => EngineChecks.BadCustomerRowsAreNamed(_engine);

    [PostgresFact]
    public void Bad_transaction_rows_are_named_by_row_and_column() => EngineChecks.BadTransactionRowsAreNamed(_engine);

    [PostgresFact]
    public void Chunks_make_the_whole_read() => EngineChecks.ChunksMakeTheWhole(_engine);

    [PostgresFact]
    public void A_streamed_fit_over_a_query_equals_the_in_memory_streamed_fit() => EngineChecks.StreamedFitOverAQuery(_engine);

    [PostgresFact]
    public void Cancellation_stops_every_read() => EngineChecks.CancellationStops(_engine);
}
