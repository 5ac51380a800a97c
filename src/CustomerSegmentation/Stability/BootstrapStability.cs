using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Stability;

/// <summary>
/// Is a segmentation real? Cluster stability by the bootstrap (Hennig 2007, R's <c>fpc::clusterboot</c>): draws B
/// resamples of the customers with replacement, reclusters each with the same clusterer and K, matches every original
/// segment (restricted to the customers in the resample) to its most similar resampled cluster by Jaccard similarity,
/// and averages over the resamples.
/// </summary>
/// <remarks>
/// As <c>clusterboot</c> by default (<c>multipleboot = FALSE</c>), a customer drawn several times enters the resample
/// once, so each resample holds about 63% of the customers. Every resample's draw and fit seed come from
/// <see cref="StabilityOptions.Seed"/> before any work starts, and resamples may run in parallel; the result is bit for bit
/// the same for any <see cref="StabilityOptions.MaxDegreeOfParallelism"/>.
/// </remarks>
/// <example>
/// <code>
/// var stability = new BootstrapStability(new StabilityOptions { Resamples = 20, Seed = 42 });
/// StabilityResult result = stability.Assess(scaled, k: 5);
/// Console.WriteLine(result.Summary);   // HighlyStable over 20 bootstrap resamples: ...
/// </code>
/// </example>
public sealed class BootstrapStability
{
    private readonly ClustererFactory _clusterers;

    /// <summary>Creates an assessment.</summary>
    /// <param name="options">The settings; null means the defaults (20 resamples, seed 0).</param>
    /// <param name="clusterers">Makes the clusterer of the original fit and of every resample; null means K-means with 10 restarts.</param>
    public BootstrapStability(StabilityOptions? options = null, ClustererFactory? clusterers = null)
    {
        Options = options ?? new StabilityOptions();
        _clusterers = clusterers ?? KMeansClusterer.Factory(new KMeansOptions { NInit = 10 });
    }

    /// <summary>The settings.</summary>
    public StabilityOptions Options { get; }

    /// <summary>Fits <paramref name="k"/> clusters to <paramref name="data"/> (seed <see cref="StabilityOptions.Seed"/>) and assesses that segmentation.</summary>
    /// <param name="data">The (already scaled) rows.</param>
    /// <param name="k">The number of clusters, at least 1 and at most the number of rows.</param>
    /// <param name="progress">Told after each resample, from worker threads when resamples run in parallel; may be null.</param>
    /// <param name="cancellationToken">Checked before each resample and inside every fit.</param>
    /// <returns>The stability of each cluster (numbered 1..K in the clusterer's order) and of the whole.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1 or exceeds the number of rows.</exception>
    /// <exception cref="InvalidOperationException">The clusterer answered with another K or another number of labels.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public StabilityResult Assess(FeatureMatrix data, int k, IProgress<StabilityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        ClusteringResult original = _clusterers.FitChecked(new ClusteringRequest(k, Options.Seed, Options.MaxDegreeOfParallelism), data, cancellationToken);
        return Assess(data, original, progress, cancellationToken);
    }

    /// <summary>Assesses a segmentation already fitted to <paramref name="data"/>, reclustering resamples with its K.</summary>
    /// <param name="data">The (already scaled) rows the segmentation was fitted on.</param>
    /// <param name="original">The segmentation: one label per row of <paramref name="data"/>.</param>
    /// <param name="progress">Told after each resample, from worker threads when resamples run in parallel; may be null.</param>
    /// <param name="cancellationToken">Checked before each resample and inside every fit.</param>
    /// <returns>The stability of each cluster (numbered 1..K in the clusterer's order) and of the whole.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="original"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="original"/> does not have one label per row of <paramref name="data"/>.</exception>
    /// <exception cref="InvalidOperationException">The clusterer answered with another K or another number of labels.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public StabilityResult Assess(FeatureMatrix data, ClusteringResult original, IProgress<StabilityProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(original);
        if (original.Labels.Length != data.RowCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The segmentation has {original.Labels.Length} labels but the data has {data.RowCount} rows; assess it on the rows it was fitted on."),
                nameof(original));
        }

        cancellationToken.ThrowIfCancellationRequested();
        int resamples = Options.Resamples;
        var master = new Xoshiro256StarStar(Options.Seed);
        var drawSeeds = new int[resamples];
        var fitSeeds = new int[resamples];
        for (int b = 0; b < resamples; b++)
        {
            drawSeeds[b] = master.Next();
            fitSeeds[b] = master.Next();
        }

        var jaccards = new double[resamples][];
        int completed = 0;
        void One(int b, CancellationToken stop)
        {
            stop.ThrowIfCancellationRequested();
            int[] customers = DistinctDraw(data.RowCount, new Xoshiro256StarStar(drawSeeds[b], threadSafe: false));
            int k = Math.Min(original.K, customers.Length);
            ClusteringResult fit = _clusterers.FitChecked(new ClusteringRequest(k, fitSeeds[b], Options.MaxDegreeOfParallelism), data.SelectRows(customers), stop);
            jaccards[b] = JaccardMatching.Best(original.Labels.AsSpan(), original.K, customers, fit.Labels.AsSpan(), fit.K);
            progress?.Report(new StabilityProgress(Interlocked.Increment(ref completed), resamples));
        }

        ParallelFits.Run(resamples, Options.MaxDegreeOfParallelism, parallel: true, One, cancellationToken);

        var segments = ImmutableArray.CreateBuilder<SegmentStability>(original.K);
        for (int cluster = 0; cluster < original.K; cluster++)
        {
            ImmutableArray<double> values = [.. jaccards.Select(j => j[cluster])];
            double sum = 0;
            foreach (double value in values)
            {
                sum += value;
            }

            segments.Add(new SegmentStability(
                cluster + 1,
                original.ClusterSizes[cluster],
                sum / resamples,
                values.Count(v => v <= StabilityThresholds.Dissolved),
                values.Count(v => v >= StabilityThresholds.Stable),
                values));
        }

        return new StabilityResult(resamples, segments.MoveToImmutable());
    }

    /// <summary>Draws <paramref name="n"/> rows with replacement and returns the distinct ones, ascending.</summary>
    /// <remarks>
    /// Each draw maps 32 random bits to 0..n - 1 by multiply-and-shift (Lemire 2019; the bias is below n / 2^32), from
    /// one bulk fill of the generator: a draw per number through the generator's interface cost as much as a fit.
    /// </remarks>
    internal static int[] DistinctDraw(int n, Xoshiro256StarStar random)
    {
        byte[] bits = new byte[checked(n * sizeof(uint))];
        random.NextBytes(bits);
        ReadOnlySpan<uint> draws = MemoryMarshal.Cast<byte, uint>(bits);
        var drawn = new bool[n];
        int distinct = 0;
        foreach (uint draw in draws)
        {
            int row = (int)(((ulong)draw * (ulong)n) >> 32);
            distinct += drawn[row] ? 0 : 1;
            drawn[row] = true;
        }

        var rows = new int[distinct];
        for (int row = 0, next = 0; row < n; row++)
        {
            if (drawn[row])
            {
                rows[next++] = row;
            }
        }

        return rows;
    }
}
