using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using Parquet;
using Parquet.Schema;

namespace CustomerSegmentation.Parquet.Tests;

/// <summary>The chunk source reads the next row group while the current one is used: same chunks, same order, and a pass can stop early.</summary>
public sealed class ReadAheadTests : IDisposable
{
    private readonly ParquetFiles _files = new();

    private (CustomerParquetChunks Ahead, CustomerParquetChunks Sequential, CustomerTable Table) Sources()
    {
        CustomerTable table = CustomerTable.FromFeatures(FeatureMatrix.FromRows(
            [.. SyntheticCustomers.Generate(2000, seed: 3).Select(c => new double[] { c.Age, c.AnnualIncomeThousands, c.SpendingScore })],
            ["Age", "Income", "Score"]));
        string path = _files.PathOf("c.parquet");
        table.WriteParquet(path, rowGroupRows: 300);
        var options = new CustomerParquetOptions { FeatureColumns = ["Age", "Income", "Score"] };
        CustomerParquetChunks sequential = CustomerParquet.Chunks(path, options);
        sequential.ReadAhead = false;
        return (CustomerParquet.Chunks(path, options), sequential, table);
    }

    [Fact]
    public void Reading_ahead_gives_the_same_chunks_in_the_same_order()
    {
        (CustomerParquetChunks ahead, CustomerParquetChunks sequential, CustomerTable table) = Sources();
        FeatureMatrix[] a = [.. ahead.ReadChunks()];
        FeatureMatrix[] b = [.. sequential.ReadChunks()];

        Assert.Equal([300, 300, 300, 300, 300, 300, 200], a.Select(c => c.RowCount));
        Assert.Equal(b.Select(c => c.RowCount), a.Select(c => c.RowCount));
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(table.Features.Column(j).ToArray(), a.SelectMany(c => c.Column(j).ToArray()));
            Assert.Equal(b.SelectMany(c => c.Column(j).ToArray()), a.SelectMany(c => c.Column(j).ToArray()));
        }
    }

    [Fact]
    public void A_pass_stopped_early_leaves_the_next_pass_whole()
    {
        (CustomerParquetChunks ahead, _, CustomerTable table) = Sources();
        Assert.Single(ahead.ReadChunks().Take(1));
        Assert.Equal(0, ahead.RowsRead);

        Assert.Equal(table.RowCount, ahead.ReadChunks().Sum(c => c.RowCount));
        Assert.Equal(table.RowCount, ahead.RowsRead);
    }

    [Fact]
    public void Cancellation_stops_a_pass_reading_ahead()
    {
        (CustomerParquetChunks ahead, _, _) = Sources();
        using var cancellation = new CancellationTokenSource();
        int seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (FeatureMatrix chunk in ahead.ReadChunks(cancellation.Token))
            {
                seen++;
                cancellation.Cancel();
            }
        });
        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task Customers_are_written_uncompressed_the_layout_read_fastest()
    {
        _ = Sources();
        await using ParquetReader reader = await ParquetReader.CreateAsync(_files.PathOf("c.parquet"));
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(0);
        foreach (DataField field in reader.Schema.GetDataFields())
        {
            Assert.Equal(global::Parquet.Meta.CompressionCodec.UNCOMPRESSED, group.GetMetadata(field)!.MetaData!.Codec);
        }
    }

    public void Dispose() => _files.Dispose();
}
