using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Benchmarks.Clustering;
using CustomerSegmentation.Benchmarks.Columns;
using CustomerSegmentation.Benchmarks.Datasets;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using CustomerSegmentation.Parquet;

namespace CustomerSegmentation.Benchmarks.Data;

/// <summary>
/// Customers in a Parquet file (N rows, d float features, row groups of 1,048,576 rows, written once in a temporary
/// file): reading every row group as a chunk (the Rows/s column), and one streamed Lloyd pass over the file (read,
/// assign and sum each chunk with fixed centres, the first K rows) against one in-memory Lloyd iteration on the same
/// rows and centres (the baseline). K = 8. The pass is measured three ways: as the library does it (the file as
/// <c>WriteParquet</c> writes it, uncompressed with plain float32 columns, and the next row group read while the current
/// one is clustered), without reading ahead, and over the same rows written with Parquet.Net's defaults (Snappy) and
/// read without reading ahead (the library before both changes).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RowThroughputConfig))]
public class ParquetStreamBenchmarks : SizedBenchmark
{
    private const int K = 8;
    private string _directory = string.Empty;
    private CustomerParquetChunks _chunks = null!;
    private CustomerParquetChunks _sequential = null!;
    private CustomerParquetChunks _snappy = null!;
    private LloydIteration _inMemory = null!;
    private float[] _offset = [];
    private float[] _centres = [];
    private int[] _labels = [];

    /// <summary>Writes the file and prepares the in-memory iteration.</summary>
    [GlobalSetup]
    public void Setup()
    {
        FeatureMatrix data = SyntheticFeatures.Generate(DataShape.Uniform, N, D);
        _directory = Directory.CreateTempSubdirectory("cs-bench-parquet-").FullName;
        string path = Path.Combine(_directory, "customers.parquet");
        CustomerTable.FromFeatures(data).WriteParquet(path);
        var options = new CustomerParquetOptions { FeatureColumns = data.FeatureNames };
        _chunks = CustomerParquet.Chunks(path, options);
        _sequential = CustomerParquet.Chunks(path, options);
        _sequential.ReadAhead = false;
        string snappy = Path.Combine(_directory, "customers-snappy.parquet");
        new ParquetTable(N, 1 << 20, new global::Parquet.ParquetOptions()).Add("CustomerId", [.. Enumerable.Range(1, N).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))])
            .AddColumns(data).Save(snappy);
        _snappy = CustomerParquet.Chunks(snappy, options);
        _snappy.ReadAhead = false;
        var input = new KMeansInput(data, ReadOnlySpan<double>.Empty, -1, VectorWidths.Best);
        _inMemory = LloydIteration.FromFirstRows(input, K);
        _offset = input.Offset;
        _centres = new float[K * D];
        for (int k = 0; k < K; k++)
        {
            for (int j = 0; j < D; j++)
            {
                _centres[(k * D) + j] = input.Centred(k, j);
            }
        }
    }

    /// <summary>Deletes the file.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>One in-memory Lloyd iteration over the N rows.</summary>
    [Benchmark(Baseline = true)]
    public double InMemoryLloydIteration() => _inMemory.Run();

    /// <summary>Reads every row group of the file as a float32 chunk.</summary>
    [Benchmark]
    public long ReadParquet()
    {
        long rows = 0;
        foreach (FeatureMatrix chunk in _chunks.ReadChunks())
        {
            rows += chunk.RowCount;
        }

        return rows;
    }

    /// <summary>One streamed Lloyd pass: every chunk read from the file, assigned and summed (the next row group read meanwhile).</summary>
    [Benchmark]
    public double StreamedLloydPass() => Pass(_chunks);

    /// <summary>The same pass reading each row group only when the previous one is done.</summary>
    [Benchmark]
    public double StreamedLloydPassWithoutReadAhead() => Pass(_sequential);

    /// <summary>The same pass, without reading ahead, over the rows written with Parquet.Net's defaults (Snappy): the library before this change.</summary>
    [Benchmark]
    public double StreamedLloydPassSnappyFileWithoutReadAhead() => Pass(_snappy);

    private double Pass(IFeatureChunkSource source)
    {
        // The labels live from one pass to the next, as in a streamed fit.
        var sums = new double[K * (D + 1)];
        foreach (FeatureMatrix chunk in source.ReadChunks())
        {
            var input = new KMeansInput(chunk, _offset, -1, VectorWidths.Best);
            _labels = _labels.Length >= chunk.RowCount ? _labels : new int[chunk.RowCount];
            StreamedLloyd.AddChunk(input, _centres, K, _labels, sums);
        }

        return sums[0];
    }
}
