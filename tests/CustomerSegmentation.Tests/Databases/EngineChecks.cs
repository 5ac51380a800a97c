using System.Data.Common;
using System.Globalization;

using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Databases;

/// <summary>
/// What every engine must do alike: the checks the SQLite, DuckDB and PostgreSQL test classes run on their own engine.
/// </summary>
internal static class EngineChecks
{
    public static readonly string[] Features = ["age", "income", "score"];

    /// <summary>The transactions every engine holds: synthetic lines over 2024 (timestamps with times, returns, orders).</summary>
    public static readonly IReadOnlyList<Transaction> Lines = SyntheticTransactions.Generate(150, seed: 7);

    /// <summary>
    /// 400 customers whose income is a double with a fraction (12.3 and the like) and whose score is a decimal with
    /// cents, so that every conversion path from a database value to float32 is exercised.
    /// </summary>
    public static IReadOnlyList<(string Id, string Genre, int Age, double Income, decimal Score)> Customers()
        => [.. SyntheticCustomers.Generate(400, seed: 11).Select((c, i) => (c.Id, c.Genre, c.Age, c.AnnualIncomeThousands + ((i % 10) / 10d) + 0.01, c.SpendingScore + ((i % 4) * 0.25m) + 0.33m))];

    public static string CustomersCsv()
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine("id,genre,age,income,score");
        foreach (var c in Customers())
        {
            text.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Id},{c.Genre},{c.Age},{c.Income:R},{c.Score}"));
        }

        return text.ToString();
    }

    public static void LoadCustomers(TestEngine engine)
    {
        engine.Execute($"CREATE TABLE customers (id TEXT, genre TEXT, age INTEGER, income {engine.DoubleType}, score NUMERIC(8,2))");
        engine.Insert("customers", ["id", "genre", "age", "income", "score"], Customers().Select(c => new object?[] { c.Id, c.Genre, c.Age, c.Income, c.Score }));
    }

    /// <summary>The same customers from CSV and from the engine give bit-identical segmentations.</summary>
    public static void SegmentationsAgree(TestEngine engine)
    {
        LoadCustomers(engine);
        static SegmentationPipeline Configure(SegmentationPipeline p) => p.WithId("id").WithFeatures(Features).WithAttributes("genre").ChooseK(2, 6).WithSeed(5).WithoutRules();
        SegmentationResult fromCsv = Configure(SegmentationPipeline.FromCsv(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(CustomersCsv())))).Run();
        SegmentationPipeline database = Configure(SegmentationPipeline.FromDatabase(engine.Connect, "SELECT * FROM customers ORDER BY id"));
        SegmentationResult fromDb = database.Run();
        Assert.Equal(fromDb.Model.ToJson(), database.Run().Model.ToJson()); // every run queries again

        for (int j = 0; j < Features.Length; j++)
        {
            Assert.Equal(fromCsv.Customers.Features.Column(j).ToArray(), fromDb.Customers.Features.Column(j).ToArray());
        }

        Assert.Equal([.. fromCsv.Customers.Ids], fromDb.Customers.Ids.ToArray());
        Assert.Equal([.. fromCsv.Customers.Attributes["genre"]], fromDb.Customers.Attributes["genre"].ToArray());
        Assert.Equal(fromCsv.K, fromDb.K);
        Assert.Equal(fromCsv.Inertia, fromDb.Inertia);
        Assert.Equal([.. fromCsv.Assignments], fromDb.Assignments.ToArray());
        Assert.Equal(fromCsv.Model.ToJson(), fromDb.Model.ToJson());
    }

    public static void LoadLines(TestEngine engine)
    {
        bool cents = engine is SqliteEngine;
        engine.Execute($"CREATE TABLE lines (line INTEGER, customer_id TEXT, order_id TEXT, ts {engine.TimestampType}, day {engine.DateType}, amount {engine.MoneyType})");
        engine.Insert(
            "lines",
            ["line", "customer_id", "order_id", "ts", "day", "amount"],
            Lines.Select((t, i) => new object?[]
            {
                i,
                t.CustomerId,
                t.OrderId,
                engine is SqliteEngine ? t.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) : t.Timestamp,
                engine is SqliteEngine ? DateOnly.FromDateTime(t.Timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DateOnly.FromDateTime(t.Timestamp),
                cents ? (object)(long)(t.Amount * 100m) : t.Amount,
            }));
    }

    /// <summary>The options that read the CSV export of <see cref="Lines"/>.</summary>
    public static TransactionCsvOptions CsvOptions(ReturnsPolicy returns) => SyntheticTransactions.CsvOptions with { LatestDate = DateOnly.MaxValue, Returns = returns };

    public static TransactionSet FromCsv(ReturnsPolicy returns)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        SyntheticTransactions.WriteCsv(Lines, text);
        return TransactionCsv.Read(new StringReader(text.ToString()), CsvOptions(returns));
    }

    public static TransactionTable Table(TestEngine engine, ReturnsPolicy returns) => new("lines", "customer_id", "ts", "amount")
    {
        DayColumn = "day",
        OrderIdColumn = "order_id",
        SequenceColumn = "line",
        Returns = returns,
        LatestDate = DateOnly.MaxValue.AddDays(-1),
        AmountScale = engine is SqliteEngine ? 2 : 0,
        ParameterMarker = engine.Marker,
    };

    /// <summary>The lines read through the engine's reader equal the lines read from their CSV export.</summary>
    public static void TransactionsAgree(TestEngine engine, ReturnsPolicy returns)
    {
        LoadLines(engine);
        string amount = engine is SqliteEngine ? "amount / 100.0" : "amount";
        using DbConnection connection = engine.Connect();
        TransactionSet fromDb = TransactionDatabase.Read(
            connection,
            $"SELECT customer_id AS \"CustomerId\", order_id AS \"OrderId\", ts AS \"Timestamp\", {amount} AS \"Amount\" FROM lines ORDER BY line",
            CsvOptions(returns));
        TransactionSet fromCsv = FromCsv(returns);
        Assert.Equal([.. fromCsv.Transactions], fromDb.Transactions.ToArray());
        Assert.Equal(fromCsv.Hygiene.ToString(), fromDb.Hygiene.ToString());
    }

    /// <summary>The RFM table pushed down into the engine equals the one computed in memory.</summary>
    public static void RfmAgrees(TestEngine engine, ReturnsPolicy returns, FrequencyBasis basis)
    {
        LoadLines(engine);
        var analyzer = new RfmAnalyzer(new RfmOptions { Frequency = basis });
        RfmResult inMemory = analyzer.Analyze(FromCsv(returns));
        using DbConnection connection = engine.Connect();
        RfmResult pushed = analyzer.AnalyzeInDatabase(connection, Table(engine, returns));
        Assert.Equal(inMemory.AnalysisDate, pushed.AnalysisDate);
        Assert.Equal(inMemory.FrequencyBasis, pushed.FrequencyBasis);
        Assert.Equal(inMemory.ObservedWindowDays, pushed.ObservedWindowDays);
        Assert.Equal([.. inMemory.Records], pushed.Records.ToArray());
    }

    /// <summary>The purchase summary pushed down into the engine equals the one computed in memory.</summary>
    public static void PurchaseSummaryAgrees(TestEngine engine, ReturnsPolicy returns, PeriodUnit unit)
    {
        LoadLines(engine);
        var end = new DateOnly(2024, 9, 30);
        PurchaseSummary inMemory = PurchaseSummary.FromTransactions(FromCsv(returns), end, unit);
        using DbConnection connection = engine.Connect();
        PurchaseSummary pushed = PurchaseSummary.FromDatabase(connection, Table(engine, returns), end, unit);
        Assert.Equal(inMemory.ObservationEnd, pushed.ObservationEnd);
        Assert.Equal([.. inMemory.Customers], pushed.Customers.ToArray());
    }

    /// <summary>NULL, text in a numeric column, a missing column, a wrong type and a failing query: clear errors naming the row and column.</summary>
    public static void BadCustomerRowsAreNamed(TestEngine engine)
    {
        // SQLite has no date type: its wrong-typed value is a blob.
        engine.Execute($"CREATE TABLE bad (id TEXT, age {engine.DoubleType}, age_text TEXT, joined {(engine is SqliteEngine ? "BLOB" : engine.DateType)})");
        engine.Insert("bad", ["id", "age", "age_text", "joined"], [
            ["a", 31.5, "31.5", Day(engine, 2024, 1, 2)],
            ["b", null, "abc", Day(engine, 2024, 1, 3)],
            ["c", 40.0, "40", Day(engine, 2024, 1, 4)],
        ]);
        using DbConnection connection = engine.Connect();

        var nullValue = Assert.Throws<DataFormatException>(() => CustomerDatabase.Read(connection, "SELECT * FROM bad ORDER BY id", ["age"]));
        Assert.Equal(2, nullValue.LineNumber);
        Assert.Equal("age", nullValue.Column);
        Assert.Equal(SkipReason.EmptyValue, nullValue.Reason);
        Assert.Contains("Row 2, column 'age': the value is NULL", nullValue.Message, StringComparison.Ordinal);

        CustomerTable skipped = CustomerDatabase.Read(connection, "SELECT * FROM bad ORDER BY id", ["age"], new CustomerCsvOptions { IdColumn = "id", BadRows = BadRowPolicy.Skip });
        Assert.Equal(["a", "c"], skipped.Ids.ToArray());
        Assert.Equal(3, skipped.RowsRead);
        Assert.Equal(2, Assert.Single(skipped.SkippedRows.Samples).LineNumber);

        var text = Assert.Throws<DataFormatException>(() => CustomerDatabase.Read(connection, "SELECT * FROM bad ORDER BY id", ["age_text"]));
        Assert.Equal((2, "age_text", SkipReason.NotANumber), (text.LineNumber, text.Column, text.Reason));
        Assert.Contains("Row 2, column 'age_text': the text 'abc' is not a number", text.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<DataFormatException>(() => CustomerDatabase.Read(connection, "SELECT * FROM bad", ["agee"]));
        Assert.Contains("The feature column 'agee' is not in the columns of the query 'SELECT * FROM bad'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'age'?", missing.Message, StringComparison.Ordinal);

        var wrongType = Assert.Throws<DataFormatException>(() => CustomerDatabase.Read(connection, "SELECT * FROM bad ORDER BY id", ["joined"], new CustomerCsvOptions { BadRows = BadRowPolicy.Skip }));
        Assert.Equal((1, "joined"), (wrongType.LineNumber, wrongType.Column));
        Assert.Contains("Row 1, column 'joined': the column holds", wrongType.Message, StringComparison.Ordinal);

        var failed = Assert.Throws<DataFormatException>(() => CustomerDatabase.Read(connection, "SELECT * FROM no_such_table", ["age"]));
        Assert.IsAssignableFrom<DbException>(failed.InnerException);
        Assert.Contains("The query of the query 'SELECT * FROM no_such_table' failed", failed.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", failed.InnerException!.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>NULL and text amounts of a transaction query: skipped with a report by default, thrown under fail-fast, naming the row and column.</summary>
    public static void BadTransactionRowsAreNamed(TestEngine engine)
    {
        engine.Execute($"CREATE TABLE bad_lines (n INTEGER, CustomerId TEXT, Timestamp {engine.TimestampType}, Amount TEXT)");
        object Ts(int day) => engine is SqliteEngine ? $"2024-01-{day:00}T10:00:00" : new DateTime(2024, 1, day, 10, 0, 0);
        engine.Insert("bad_lines", ["n", "CustomerId", "Timestamp", "Amount"], [
            [1, "a", Ts(2), "10.50"],
            [2, "b", Ts(3), null],
            [3, "c", Ts(4), "ten"],
            [4, "d", Ts(5), "7"],
        ]);
        using DbConnection connection = engine.Connect();
        const string sql = "SELECT * FROM bad_lines ORDER BY n";
        TransactionSet kept = TransactionDatabase.Read(connection, sql, new TransactionCsvOptions { LatestDate = DateOnly.MaxValue });
        Assert.Equal(["a", "d"], kept.Transactions.Select(t => t.CustomerId));
        Assert.Equal([2, 3], kept.Hygiene.SkippedRows.Samples.Select(s => s.LineNumber));
        Assert.Equal([SkipReason.EmptyValue, SkipReason.NotANumber], kept.Hygiene.SkippedRows.Samples.Select(s => s.Reason));

        var failFast = Assert.Throws<DataFormatException>(() => TransactionDatabase.Read(connection, sql, new TransactionCsvOptions { LatestDate = DateOnly.MaxValue, BadRows = BadRowPolicy.FailFast }));
        Assert.Equal((2, "AMOUNT", SkipReason.EmptyValue), (failFast.LineNumber, failFast.Column!.ToUpperInvariant(), failFast.Reason));
        Assert.Contains("Row 2, column 'Amount': the cell is empty", failFast.Message, StringComparison.OrdinalIgnoreCase);

        var missing = Assert.Throws<DataFormatException>(() => TransactionDatabase.Read(connection, sql, new TransactionCsvOptions { TimestampColumn = "Timestamps" }));
        Assert.Contains("Did you mean 'Timestamp'?", missing.Message, StringComparison.OrdinalIgnoreCase);

        var failed = Assert.Throws<DataFormatException>(() => new RfmAnalyzer().AnalyzeInDatabase(connection, new TransactionTable("no_such_lines", "c", "t", "a") { ParameterMarker = engine.Marker }));
        Assert.IsAssignableFrom<DbException>(failed.InnerException);
        Assert.Contains("The query of the RFM query on 'no_such_lines' failed", failed.Message, StringComparison.Ordinal);
    }

    /// <summary>Chunks of a query concatenate to the whole read, and every skipped row is counted in exactly one chunk.</summary>
    public static void ChunksMakeTheWhole(TestEngine engine)
    {
        LoadCustomers(engine);
        engine.Execute("UPDATE customers SET income = NULL WHERE id IN ('C00001', 'C00002', 'C00150', 'C00400')");
        var options = new CustomerCsvOptions { IdColumn = "id", ExtraColumns = ["genre"], BadRows = BadRowPolicy.Skip };
        using DbConnection connection = engine.Connect();
        const string sql = "SELECT * FROM customers ORDER BY id";
        CustomerTable whole = CustomerDatabase.Read(connection, sql, Features, options);
        List<CustomerTable> chunks = [.. CustomerDatabase.ReadChunks(connection, sql, Features, 64, options)];

        Assert.All(chunks.SkipLast(1), c => Assert.Equal(64, c.RowCount));
        Assert.Equal([.. whole.Ids], chunks.SelectMany(c => c.Ids).ToArray());
        Assert.Equal([.. whole.Attributes["genre"]], chunks.SelectMany(c => c.Attributes["genre"]).ToArray());
        for (int j = 0; j < Features.Length; j++)
        {
            Assert.Equal(whole.Features.Column(j).ToArray(), chunks.SelectMany(c => c.Features.Column(j).ToArray()));
        }

        Assert.Equal(4, whole.SkippedRows.Count);
        Assert.Equal(whole.SkippedRows.Samples.Select(s => s.LineNumber), chunks.SelectMany(c => c.SkippedRows.Samples).Select(s => s.LineNumber));
        Assert.Equal(whole.RowsRead, chunks.Sum(c => c.RowsRead));
    }

    /// <summary>
    /// A streamed fit over a query's chunks equals the streamed fit over the same rows in memory with the same chunking,
    /// bit for bit, and the source reports the rows its last pass skipped (once per pass, not once per pass run).
    /// </summary>
    public static void StreamedFitOverAQuery(TestEngine engine)
    {
        LoadCustomers(engine);
        engine.Execute("UPDATE customers SET income = NULL WHERE id IN ('C00001', 'C00150', 'C00400')");
        var options = new CustomerCsvOptions { IdColumn = "id", BadRows = BadRowPolicy.Skip };
        using DbConnection connection = engine.Connect();
        const string sql = "SELECT * FROM customers ORDER BY id";
        CustomerTable whole = CustomerDatabase.Read(connection, sql, Features, options);
        CustomerDatabaseChunks source = CustomerDatabase.Chunks(connection, sql, Features, 64, options);
        var fit = new StreamingKMeans(new StreamingKMeansOptions { K = 4, Seed = 11 });

        StreamingKMeansResult streamed = fit.Fit(source);
        StreamingKMeansResult inMemory = fit.Fit(FeatureChunks.Split(whole.Features, 64));

        Assert.True(streamed.Passes > 2, $"the fit made {streamed.Passes} passes");
        Assert.Equal(inMemory.Centroids.SelectMany(c => c), streamed.Centroids.SelectMany(c => c));
        Assert.Equal(inMemory.Inertia, streamed.Inertia);
        Assert.Equal([.. inMemory.ClusterSizes], streamed.ClusterSizes.ToArray());
        Assert.Equal(whole.RowCount, streamed.RowCount);
        Assert.Equal(3, source.SkippedRows.Count);
        Assert.Equal(whole.SkippedRows.Samples.Select(r => r.LineNumber), source.SkippedRows.Samples.Select(r => r.LineNumber));
        Assert.Equal(whole.RowsRead, source.RowsRead);
        Assert.Equal(64, source.ChunkRows);
    }

    /// <summary>A cancelled token stops every database read before it starts.</summary>
    public static void CancellationStops(TestEngine engine)
    {
        LoadCustomers(engine);
        LoadLines(engine);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using DbConnection connection = engine.Connect();
        Assert.ThrowsAny<OperationCanceledException>(() => CustomerDatabase.Read(connection, "SELECT * FROM customers", Features, cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => CustomerDatabase.ReadChunks(connection, "SELECT * FROM customers", Features, 10, cancellationToken: cancelled.Token).First());
        Assert.ThrowsAny<OperationCanceledException>(() => TransactionDatabase.Read(connection, "SELECT * FROM lines", cancellationToken: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => new RfmAnalyzer().AnalyzeInDatabase(connection, Table(engine, ReturnsPolicy.Exclude), cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => PurchaseSummary.FromDatabase(connection, Table(engine, ReturnsPolicy.Exclude), new DateOnly(2024, 6, 30), cancellationToken: cancelled.Token));
    }

    private static object Day(TestEngine engine, int year, int month, int day)
        => engine is SqliteEngine ? new byte[] { (byte)day } : new DateOnly(year, month, day);
}
