using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Databases;

/// <summary>
/// The database checks on the engines embedded in the test process: SQLite (Microsoft.Data.Sqlite; money as integer
/// cents) and DuckDB (DuckDB.NET), each in a temporary file.
/// </summary>
public sealed class EmbeddedEngineTests
{
    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Customers_from_the_engine_segment_bit_for_bit_as_from_csv(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.SegmentationsAgree(database);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Transactions_from_the_engine_equal_the_csv_export(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.TransactionsAgree(database, ReturnsPolicy.Exclude);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Transactions_with_netted_returns_from_the_engine_equal_the_csv_export(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.TransactionsAgree(database, ReturnsPolicy.NetAgainstPurchases);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Rfm_pushed_down_equals_rfm_in_memory(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.RfmAgrees(database, ReturnsPolicy.Exclude, FrequencyBasis.Auto);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Rfm_pushed_down_with_netted_returns_and_purchase_days_equals_rfm_in_memory(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.RfmAgrees(database, ReturnsPolicy.NetAgainstPurchases, FrequencyBasis.PurchaseDays);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Purchase_summary_pushed_down_equals_the_summary_in_memory(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.PurchaseSummaryAgrees(database, ReturnsPolicy.Exclude, PeriodUnit.Days);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Purchase_summary_in_weeks_with_netted_returns_pushed_down_equals_the_summary_in_memory(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.PurchaseSummaryAgrees(database, ReturnsPolicy.NetAgainstPurchases, PeriodUnit.Weeks);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Bad_customer_rows_are_named_by_row_and_column(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.BadCustomerRowsAreNamed(database);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Bad_transaction_rows_are_named_by_row_and_column(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.BadTransactionRowsAreNamed(database);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Chunks_make_the_whole_read(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.ChunksMakeTheWhole(database);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void A_streamed_fit_over_a_query_equals_the_in_memory_streamed_fit(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.StreamedFitOverAQuery(database);
    }

    [Theory]
    [InlineData("SQLite")]
    [InlineData("DuckDB")]
    public void Cancellation_stops_every_read(string engine)
    {
        using EmbeddedEngine database = EmbeddedEngine.Named(engine);
        EngineChecks.CancellationStops(database);
    }
}
