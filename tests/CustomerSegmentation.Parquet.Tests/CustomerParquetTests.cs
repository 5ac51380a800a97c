using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Parquet.Tests;

public sealed class CustomerParquetTests : IDisposable
{
    private static readonly string[] Features = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];
    private readonly ParquetFiles _files = new();

    private static CustomerParquetOptions Options => new()
    {
        IdColumn = "CustomerID",
        FeatureColumns = [.. Features],
        AttributeColumns = ["Genre"],
    };

    [Fact]
    public void The_same_customers_from_CSV_and_from_Parquet_give_bit_identical_segmentations()
    {
        string csv = _files.PathOf("customers.csv");
        using (var writer = new StreamWriter(csv))
        {
            SyntheticCustomers.WriteCsv(SyntheticCustomers.Generate(1000, seed: 7), writer);
        }

        CustomerTable fromCsv = CustomerCsv.Read(csv, Features, new CustomerCsvOptions { IdColumn = "CustomerID", ExtraColumns = ["Genre"] });
        string parquet = _files.PathOf("customers.parquet");
        fromCsv.WriteParquet(parquet, rowGroupRows: 300);
        CustomerTable fromParquet = CustomerParquet.Read(parquet, Options with { IdColumn = "CustomerId" });

        static SegmentationResult Run(CustomerTable table) => SegmentationPipeline.FromTable(table).Standardize().ChooseK(2, 8).WithSeed(42).Run();
        SegmentationResult a = Run(fromCsv);
        SegmentationResult b = Run(fromParquet);

        Assert.Equal(a.K, b.K);
        Assert.Equal(a.Elbow!.Curve.Select(p => p.Inertia), b.Elbow!.Curve.Select(p => p.Inertia));
        Assert.Equal(a.Assignments.ToArray(), b.Assignments.ToArray());
        Assert.Equal(a.Profiles.Select(p => p.ToString()), b.Profiles.Select(p => p.ToString()));
        Assert.Equal(fromCsv.Attributes["Genre"].ToArray(), fromParquet.Attributes["Genre"].ToArray());
    }

    [Fact]
    public void Reads_ids_features_and_attributes_of_integer_double_and_text_columns()
    {
        string path = _files.Write("mixed.parquet",
            ("CustomerID", new long[] { 101, 102, 103 }),
            ("Genre", new[] { "Male", "Female", "Female" }),
            ("Age", new[] { 19, 21, 20 }),
            ("Annual Income (k$)", new[] { 15.5, 15.25, 16 }),
            ("Spending Score (1-100)", new[] { 39f, 81f, 6f }));

        CustomerTable table = CustomerParquet.Read(path, Options);

        Assert.Equal(["101", "102", "103"], table.Ids.ToArray());
        Assert.Equal(["Male", "Female", "Female"], table.Attributes["Genre"].ToArray());
        Assert.Equal([19f, 21f, 20f], table.Features.Column("Age").ToArray());
        Assert.Equal([15.5f, 15.25f, 16f], table.Features.Column("Annual Income (k$)").ToArray());
        Assert.Equal([39f, 81f, 6f], table.Features.Column("Spending Score (1-100)").ToArray());
        Assert.True(table.SkippedRows.IsEmpty);
    }

    [Fact]
    public void A_text_column_as_a_feature_is_refused_naming_the_column_its_type_and_what_was_expected()
    {
        string path = _files.Write("text.parquet", ("Age", new[] { "nineteen" }));
        var error = Assert.Throws<DataFormatException>(() => CustomerParquet.Read(path, new CustomerParquetOptions { FeatureColumns = ["Age"] }));

        Assert.Equal("Age", error.Column);
        Assert.Contains("'Age'", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds text (string)", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_column_as_an_id_is_refused_naming_its_type()
    {
        string path = _files.Write("date.parquet", ("When", new[] { new DateTime(2024, 1, 1) }), ("Age", new[] { 3.0 }));
        var error = Assert.Throws<DataFormatException>(() => CustomerParquet.Read(path, new CustomerParquetOptions { IdColumn = "When", FeatureColumns = ["Age"] }));

        Assert.Contains("The id column 'When'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DateTime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_refused_listing_the_columns()
    {
        string path = _files.Write("one.parquet", ("Age", new[] { 3.0 }));
        var error = Assert.Throws<DataFormatException>(() => CustomerParquet.Read(path, new CustomerParquetOptions { FeatureColumns = ["Income"] }));

        Assert.Contains("The feature column 'Income' is not in one.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Age'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_feature_fails_fast_naming_the_row_and_the_column()
    {
        string path = _files.Write("nulls.parquet", ("Age", new double?[] { 1, null, 3 }), ("Income", new double?[] { 1, 2, double.NaN }));
        var error = Assert.Throws<DataFormatException>(() => CustomerParquet.Read(path, new CustomerParquetOptions { FeatureColumns = ["Age", "Income"] }));

        Assert.Equal(2, error.LineNumber);
        Assert.Equal("Age", error.Column);
        Assert.Equal(SkipReason.EmptyValue, error.Reason);
        Assert.Contains("Row 2 of nulls.parquet, column 'Age'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_rows_are_skipped_and_reported_under_the_skip_policy()
    {
        string path = _files.Write("nulls.parquet", ("Age", new double?[] { 1, null, 3, 4 }), ("Income", new double?[] { 1, 2, double.NaN, 4 }));
        CustomerTable table = CustomerParquet.Read(path, new CustomerParquetOptions { FeatureColumns = ["Age", "Income"], BadRows = BadRowPolicy.Skip });

        Assert.Equal(2, table.RowCount);
        Assert.Equal(4, table.RowsRead);
        Assert.Equal(["1", "4"], table.Ids.ToArray());
        Assert.Equal(2, table.SkippedRows.Count);
        Assert.Equal(1, table.SkippedRows.CountByReason[SkipReason.EmptyValue]);
        Assert.Equal(1, table.SkippedRows.CountByReason[SkipReason.NotFinite]);
        Assert.Equal([2, 3], table.SkippedRows.Samples.Select(s => s.LineNumber));
        Assert.Equal("Income", table.SkippedRows.Samples[1].Column);
    }

    [Fact]
    public void Non_finite_values_in_a_required_float_column_are_bad_rows_wherever_they_are()
    {
        // 45 rows in one row group: NaN in the first row, +infinity inside the vector scan, -infinity in the scalar tail.
        float[] income = [.. Enumerable.Range(0, 45).Select(i => (float)i)];
        income[0] = float.NaN;
        income[17] = float.PositiveInfinity;
        income[44] = float.NegativeInfinity;
        float[] age = [.. Enumerable.Range(0, 45).Select(i => i % 3 == 1 ? float.MaxValue : 30f)];
        string path = _files.PathOf("required.parquet");
        new ParquetTable(45, 45, ParquetTable.FeatureOptions).Add("Age", age).Add("Income", income).Save(path);

        CustomerTable table = CustomerParquet.Read(path, new CustomerParquetOptions { FeatureColumns = ["Age", "Income"], BadRows = BadRowPolicy.Skip });

        Assert.Equal(42, table.RowCount);
        Assert.Equal(3, table.SkippedRows.CountByReason[SkipReason.NotFinite]);
        Assert.Equal([1, 18, 45], table.SkippedRows.Samples.Select(s => s.LineNumber));
        Assert.All(table.SkippedRows.Samples, s => Assert.Equal("Income", s.Column));
        var error = Assert.Throws<DataFormatException>(() => CustomerParquet.Read(path, new CustomerParquetOptions { FeatureColumns = ["Age", "Income"] }));
        Assert.Contains("Income", error.Message, StringComparison.Ordinal);
        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_finite_scan_finds_the_first_NaN_or_infinity_at_every_position()
    {
        for (int length = 0; length <= 40; length++)
        {
            float[] values = [.. Enumerable.Range(0, length).Select(i => i % 2 == 0 ? float.MaxValue : -1e-40f)];
            Assert.Equal(length, CustomerParquetFile.FirstNonFinite(values));
            for (int at = 0; at < length; at++)
            {
                foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                {
                    float[] copy = [.. values];
                    copy[at] = bad;
                    if (at + 1 < length)
                    {
                        copy[length - 1] = float.NaN;
                    }

                    Assert.Equal(at, CustomerParquetFile.FirstNonFinite(copy));
                }
            }
        }
    }

    [Fact]
    public void Invalid_options_are_refused_naming_the_problem()
    {
        string path = _files.Write("one.parquet", ("Age", new[] { 3.0 }));
        Assert.Contains("at least one feature column", Assert.Throws<ArgumentException>(() => CustomerParquet.Read(path, new CustomerParquetOptions())).Message, StringComparison.Ordinal);
        Assert.Equal("MaxReportedSkippedRows", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerParquetOptions { MaxReportedSkippedRows = -1 }).ParamName);
        Assert.Equal("BadRows", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerParquetOptions { BadRows = (BadRowPolicy)7 }).ParamName);
    }

    /// <summary>
    /// Over row groups of whole 8,192-row blocks the streamed fit is, bit for bit, the streamed fit of the same rows in
    /// memory, and equals the in-memory fit to rounding (the in-memory fit moves only changed rows' sums between its
    /// refresh passes; the stream sums every row on every pass).
    /// </summary>
    [Fact]
    public void The_streamed_fit_over_row_groups_equals_the_in_memory_fit()
    {
        CustomerTable customers = CustomerTable.FromFeatures(FeatureMatrix.FromColumns(
            [.. Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 20_000).Select(i => (float)(((i * (j + 7)) % 101) + (i % 5 * 30))).ToArray())],
            Features));
        string path = _files.PathOf("big.parquet");
        customers.WriteParquet(path, rowGroupRows: 8192);

        ClusteringResult memory = new KMeansClusterer(new KMeansOptions { K = 5, Seed = 3 }).Fit(customers.Features);
        StreamingKMeansResult streamed = new StreamingKMeans(new StreamingKMeansOptions { K = 5, Seed = 3 })
            .Fit(CustomerParquet.Chunks(path, new CustomerParquetOptions { FeatureColumns = [.. Features] }));

        StreamingKMeansResult streamedInMemory = new StreamingKMeans(new StreamingKMeansOptions { K = 5, Seed = 3 })
            .Fit(FeatureChunks.Split(customers.Features, 8192));

        Assert.Equal(streamedInMemory.Centroids.SelectMany(c => c), streamed.Centroids.SelectMany(c => c));
        Assert.Equal(streamedInMemory.Inertia, streamed.Inertia);
        Assert.Equal(streamedInMemory.ClusterSizes.ToArray(), streamed.ClusterSizes.ToArray());
        Assert.Equal(memory.ClusterSizes.Select(s => (long)s).ToArray(), streamed.ClusterSizes.ToArray());
        Assert.Equal(memory.Iterations, streamed.Iterations);
        // The stream's sums pass through float32 for 64 vectors at a time, the moves are added in double: float32 rounding apart.
        Assert.Equal(memory.Inertia, streamed.Inertia, 1e-6 * memory.Inertia);
        Assert.All(
            memory.Centroids.SelectMany(c => c).Zip(streamed.Centroids.SelectMany(c => c)),
            pair => Assert.Equal(pair.First, pair.Second, 1e-6 * (1 + Math.Abs(pair.First))));
    }

    [Fact]
    public void Chunks_written_as_row_groups_read_back_as_the_same_chunks()
    {
        FeatureMatrix rows = FeatureMatrix.FromColumns([.. Enumerable.Range(0, 2).Select(j => Enumerable.Range(0, 2500).Select(i => (float)((i * 0.37) + j)).ToArray())], ["a", "b"]);
        string path = _files.PathOf("chunks.parquet");
        FeatureChunks.Split(rows, 1000).WriteParquet(path);

        FeatureMatrix[] chunks = [.. CustomerParquet.Chunks(path, new CustomerParquetOptions { FeatureColumns = ["a", "b"] }).ReadChunks()];

        Assert.Equal([1000, 1000, 500], chunks.Select(c => c.RowCount));
        Assert.Equal(rows.Column("b").ToArray(), chunks.SelectMany(c => c.Column("b").ToArray()));
    }

    [Fact]
    public async Task Assignments_and_profiles_are_written_as_Parquet()
    {
        SegmentationResult result = SegmentationPipeline.FromTable(CustomerTable.FromFeatures(
            FeatureMatrix.FromRows([[1, 1], [1.5, 2], [8, 8], [9, 8.5], [1, 0.5]], ["x", "y"]), ["a", "b", "c", "d", "e"])).WithK(2).WithSeed(1).Run();
        string assignments = _files.PathOf("assignments.parquet");
        string profiles = _files.PathOf("profiles.parquet");

        result.WriteAssignmentsParquet(assignments);
        result.WriteProfilesParquet(profiles);

        Assert.Equal(result.Assignments.Select(a => a.CustomerId), await ParquetFiles.ReadText(assignments, "CustomerId"));
        Assert.Equal(result.Assignments.Select(a => a.Segment), await ParquetFiles.ReadColumn<int>(assignments, "Segment"));
        Assert.Equal(result.Assignments.Select(a => a.Label), await ParquetFiles.ReadText(assignments, "Label"));
        Assert.Equal(result.Assignments.Select(a => a.DistanceToCentre), await ParquetFiles.ReadColumn<double>(assignments, "DistanceToCentre"));
        Assert.Equal(result.Profiles.SelectMany(p => p.Features.Select(f => f.Mean)), await ParquetFiles.ReadColumn<double>(profiles, "Mean"));
        Assert.Equal(result.Profiles.SelectMany(p => p.Features.Select(_ => p.Id)), await ParquetFiles.ReadColumn<int>(profiles, "Segment"));
        Assert.Equal(["x", "y", "x", "y"], await ParquetFiles.ReadText(profiles, "Feature"));
    }

    public void Dispose() => _files.Dispose();
}
