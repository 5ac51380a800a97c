using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Selection;
using CustomerSegmentation.Tests.Clustering;

namespace CustomerSegmentation.Tests.Selection;

/// <summary>
/// The elbow sweep on a lightweight coreset (opt in, from 200,000 rows): on uniform and on blob data its inertia
/// curve is never more than 1% above the exact sweep's at any K (it may be below: a single start on every row can
/// settle in a worse local minimum than the coreset's) and it chooses the same K; every K's labels cover every row;
/// the chosen K is finished on every row; it is deterministic for any thread count; and it steps aside for the gap
/// statistic, for other clusterers, for small data and when turned off.
/// </summary>
public sealed class CoresetSweepTests
{
    private const int Rows = 200_000;

    private static readonly ClustererFactory OneStart = KMeansClusterer.Factory(new KMeansOptions { NInit = 1 });

    public static TheoryData<string> Shapes() => new() { "uniform", "blobs" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Is_never_more_than_one_percent_above_the_exact_sweep_and_chooses_its_K(string shape)
    {
        FeatureMatrix data = Data(shape, Rows, seed: 4);
        var options = new ElbowOptions { Seed = 3, MaxK = 7, Coreset = SweepCoreset.On };

        ElbowResult coreset = new ElbowSelector(options, OneStart).Select(data);
        ElbowResult exact = new ElbowSelector(options with { Coreset = SweepCoreset.Off }, OneStart).Select(data);

        Assert.NotNull(coreset.CoresetSize);
        Assert.InRange(coreset.CoresetSize!.Value, 1, SweepCoreset.On.Size);
        Assert.Null(exact.CoresetSize);
        Assert.Equal(exact.ChosenK, coreset.ChosenK);
        Assert.All(exact.Curve.Zip(coreset.Curve), pair =>
            Assert.True(
                pair.Second.Inertia <= 1.01 * pair.First.Inertia,
                $"K = {pair.First.K}: coreset {pair.Second.Inertia:F1}, exact {pair.First.Inertia:F1}"));
        Assert.Contains("coreset", coreset.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_every_row_at_every_K_and_finishes_the_chosen_K_on_every_row()
    {
        FeatureMatrix data = Data("blobs", Rows, seed: 6);
        ElbowResult result = new ElbowSelector(new ElbowOptions { Seed = 1, MaxK = 6, Coreset = SweepCoreset.On }, OneStart).Select(data);

        foreach (ElbowPoint point in result.Curve)
        {
            ClusteringResult fit = result.ClusteringFor(point.K);
            Assert.Equal(Rows, fit.Labels.Length);
            Assert.Equal(Rows, fit.ClusterSizes.Sum());
            Assert.Equal(fit.Inertia, point.Inertia);
            Assert.Equal(Inertia(data, fit), fit.Inertia, 1e-6 * fit.Inertia);
        }

        // Refining from the coreset centres on every row: a converged Lloyd fit, whose labels are a fixed point.
        ClusteringResult chosen = result.ClusteringFor(result.ChosenK);
        Assert.True(chosen.Converged);
        Assert.Equal(chosen.Labels.ToArray(), chosen.Predict(data));
    }

    [Fact]
    public void Is_bit_identical_for_any_thread_count()
    {
        FeatureMatrix data = Data("uniform", Rows, seed: 8);
        ElbowResult Run(int threads) => new ElbowSelector(new ElbowOptions { Seed = 2, MaxK = 5, MaxDegreeOfParallelism = threads, Coreset = SweepCoreset.On }, OneStart).Select(data);

        ElbowResult one = Run(1);
        ElbowResult two = Run(2);

        Assert.Equal(one.ChosenK, two.ChosenK);
        Assert.Equal(one.Curve.Select(p => p.Inertia), two.Curve.Select(p => p.Inertia));
        Assert.Equal(one.Curve.Select(p => p.Silhouette), two.Curve.Select(p => p.Silhouette));
        Assert.Equal(one.ClusteringFor(one.ChosenK).Labels.ToArray(), two.ClusteringFor(two.ChosenK).Labels.ToArray());
    }

    [Fact]
    public void Fits_every_row_when_off_below_its_threshold_with_the_gap_statistic_or_another_clusterer()
    {
        FeatureMatrix data = Data("blobs", Rows, seed: 2);
        var options = new ElbowOptions { Seed = 1, MaxK = 3, Coreset = SweepCoreset.On };

        Assert.Null(new ElbowSelector(options with { Coreset = SweepCoreset.Off }, OneStart).Select(data).CoresetSize);
        Assert.Null(new ElbowSelector(options with { Coreset = new SweepCoreset { MinRows = Rows + 1 } }, OneStart).Select(data).CoresetSize);
        Assert.Null(new ElbowSelector(options with { GapReferences = 2 }, OneStart).Select(Data("blobs", 20_000, seed: 2)).CoresetSize);
        Assert.Null(new ElbowSelector(options, MiniBatchKMeans.Factory()).Select(data).CoresetSize);
        Assert.NotNull(new ElbowSelector(options with { Coreset = new SweepCoreset { MinRows = 10_000, Size = 1_000 } }, OneStart)
            .Select(Data("blobs", 20_000, seed: 2)).CoresetSize);
    }

    [Fact]
    public void Is_off_by_default()
    {
        Assert.Same(SweepCoreset.Off, new ElbowOptions().Coreset);
        Assert.False(SweepCoreset.Off.AppliesTo(int.MaxValue - 1));
        Assert.True(SweepCoreset.On.AppliesTo(200_000));
        Assert.False(SweepCoreset.On.AppliesTo(199_999));
    }

    [Fact]
    public void Rejects_sizes_and_thresholds_that_make_no_coreset()
    {
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => new SweepCoreset { Size = 99 });
        Assert.Equal("Size", size.ParamName);
        Assert.Contains("at least 100", size.Message, StringComparison.Ordinal);
        var rows = Assert.Throws<ArgumentOutOfRangeException>(() => new SweepCoreset { MinRows = 1 });
        Assert.Equal("MinRows", rows.ParamName);
        Assert.Equal("Coreset", Assert.Throws<ArgumentNullException>(() => new ElbowOptions { Coreset = null! }).ParamName);
    }

    [Fact]
    public void Weighs_identical_rows_uniformly_and_keeps_each_drawn_row_once()
    {
        // All rows equal: q is uniform (1/N), so a row drawn c times weighs c N / m, and the weights sum to N exactly.
        FeatureMatrix same = RandomData.Matrix([.. Enumerable.Range(0, 1000).Select(_ => new[] { 2.0, 5.0 })]);
        LightweightCoreset coreset = LightweightCoreset.Draw(same, 400, seed: 1, CancellationToken.None);

        Assert.Equal(1000.0, coreset.Weights.Sum(), 1e-9);
        Assert.All(coreset.Weights, w => Assert.Equal(0, Math.IEEERemainder(w, 1000.0 / 400), 9));
        Assert.True(coreset.Rows.RowCount <= 400);
    }

    [Fact]
    public void Draws_far_rows_more_often_and_estimates_the_row_count()
    {
        // 9,990 rows at the origin and 10 far away: each far row has q = 1/(2N) + 1/20, about 50 of the 1,000 draws.
        double[][] values = [.. Enumerable.Range(0, 10_000).Select(i => i < 10 ? new[] { 100.0 } : new[] { 0.0 })];
        LightweightCoreset coreset = LightweightCoreset.Draw(RandomData.Matrix(values), 1000, seed: 7, CancellationToken.None);

        float[] drawn = coreset.Rows.Column(0).ToArray();
        Assert.Equal(10, drawn.Count(v => v > 50));
        Assert.Equal(10_000, coreset.Weights.Sum(), 0.05 * 10_000);
    }

    private static FeatureMatrix Data(string shape, int rows, int seed)
    {
        if (shape == "blobs")
        {
            return RandomData.Matrix(RandomData.Blobs(rows, 3, 5, seed, spread: 1.5));
        }

        var random = new Random(seed);
        return RandomData.Matrix([.. Enumerable.Range(0, rows).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() })]);
    }

    private static double Inertia(FeatureMatrix data, ClusteringResult fit)
    {
        double total = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            int k = fit.Labels[i];
            for (int j = 0; j < data.FeatureCount; j++)
            {
                double delta = data.Column(j)[i] - fit.Centroids[k][j];
                total += delta * delta;
            }
        }

        return total;
    }
}
