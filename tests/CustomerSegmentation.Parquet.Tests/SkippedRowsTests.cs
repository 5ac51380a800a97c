using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using Parquet.Schema;

namespace CustomerSegmentation.Parquet.Tests;

/// <summary>Nothing dropped silently: every reader of customers from Parquet that skips a row reports it.</summary>
public sealed class SkippedRowsTests : IDisposable
{
    private readonly ParquetFiles _files = new();

    /// <summary>Six rows in two row groups of three; row 2 has a null Age, row 4 a NaN Income.</summary>
    private string BadFile() => _files.Write(
        "bad.parquet",
        3,
        (new DataField<double?>("Age"), new double?[] { 1, null, 3, 4, 5, 6 }),
        (new DataField<double?>("Income"), new double?[] { 10, 20, 30, double.NaN, 50, 60 }));

    private static CustomerParquetOptions Skip => new() { FeatureColumns = ["Age", "Income"], BadRows = BadRowPolicy.Skip };

    [Fact]
    public void The_chunk_source_reports_the_rows_a_pass_skipped()
    {
        CustomerParquetChunks source = CustomerParquet.Chunks(BadFile(), Skip);
        Assert.True(source.SkippedRows.IsEmpty);
        Assert.Equal(0, source.RowsRead);

        int[] rows = [.. source.ReadChunks().Select(c => c.RowCount)];

        Assert.Equal([2, 2], rows);
        Assert.Equal(6, source.RowsRead);
        Assert.Equal(2, source.SkippedRows.Count);
        Assert.Equal(1, source.SkippedRows.CountByReason[SkipReason.EmptyValue]);
        Assert.Equal(1, source.SkippedRows.CountByReason[SkipReason.NotFinite]);
        Assert.Equal([(2, "Age"), (4, "Income")], source.SkippedRows.Samples.Select(s => (s.LineNumber, s.Column!)));
        Assert.Contains("Row 4 of bad.parquet, column 'Income'", source.SkippedRows.Samples[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_pass_reports_the_same_rows_not_twice_as_many()
    {
        CustomerParquetChunks source = CustomerParquet.Chunks(BadFile(), Skip with { MaxReportedSkippedRows = 1 });
        _ = source.ReadChunks().Count();
        _ = source.ReadChunks().Count();

        Assert.Equal(2, source.SkippedRows.Count);
        Assert.Equal(6, source.RowsRead);
        Assert.Equal(2, Assert.Single(source.SkippedRows.Samples).LineNumber);
    }

    [Fact]
    public void A_streamed_fit_over_the_file_leaves_the_skipped_rows_readable()
    {
        CustomerParquetChunks source = CustomerParquet.Chunks(BadFile(), Skip);
        StreamingKMeansResult result = new StreamingKMeans(new StreamingKMeansOptions { K = 2, Seed = 3 }).Fit(source);

        Assert.Equal(4L, result.RowCount);
        Assert.Equal(2, source.SkippedRows.Count);
    }

    [Fact]
    public void Under_fail_fast_the_chunk_source_throws_naming_the_row_and_the_column()
    {
        CustomerParquetChunks source = CustomerParquet.Chunks(BadFile(), Skip with { BadRows = BadRowPolicy.FailFast });
        var error = Assert.Throws<DataFormatException>(() => source.ReadChunks().Count());

        Assert.Equal((2, "Age", SkipReason.EmptyValue), (error.LineNumber, error.Column, error.Reason));
        Assert.Contains("Row 2 of bad.parquet, column 'Age': the value null is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_chunks_count_each_skipped_row_once_in_the_chunk_of_its_row_group()
    {
        CustomerTable[] chunks = [.. CustomerParquet.ReadChunks(BadFile(), Skip)];

        Assert.Equal(2, chunks.Length);
        Assert.Equal([["1", "3"], ["5", "6"]], chunks.Select(c => c.Ids.ToArray()));
        Assert.Equal([3, 3], chunks.Select(c => c.RowsRead));
        Assert.Equal([2, 4], chunks.Select(c => Assert.Single(c.SkippedRows.Samples).LineNumber));
        Assert.Equal(CustomerParquet.Read(BadFile(), Skip).SkippedRows.Count, chunks.Sum(c => c.SkippedRows.Count));
    }

    [Fact]
    public void Read_chunks_stop_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => CustomerParquet.ReadChunks(BadFile(), Skip, cancelled.Token).Count());
    }

    public void Dispose() => _files.Dispose();
}
