using System.Collections.Concurrent;
using System.Collections.Immutable;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Selection;
using CustomerSegmentation.Tests.Clustering;
using CustomerSegmentation.Tests.Stability;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Tests.Selection;

public sealed class GapStatisticTests
{
    private static readonly ClustererFactory KMeans = KMeansClusterer.Factory(new KMeansOptions { NInit = 3 });

    /// <summary>Five well-separated Gaussian blobs (SD 1, centres drawn in [-10, 10]^3 from seed 1).</summary>
    private static FeatureMatrix FiveBlobs() => RandomData.Matrix(RandomData.Blobs(2000, 3, 5, seed: 1));

    private static ElbowResult Sweep(FeatureMatrix data, KSelectionRule rule, int threads = -1, int maxK = 10, ClustererFactory? clusterers = null)
        => new ElbowSelector(new ElbowOptions { MaxK = maxK, Rule = rule, Seed = 1, MaxDegreeOfParallelism = threads }, clusterers).Select(data);

    [Fact]
    public void The_gap_chooses_five_for_five_separated_blobs()
    {
        ElbowResult result = Sweep(FiveBlobs(), KSelectionRule.Gap());

        Assert.Equal(5, result.ChosenK);
        Assert.Equal(5, result.GapChosenK);
        Assert.Contains("Gap statistic (B = 10 references uniform over the bounding box): K = 5 is the smallest K of K = 1..10 with Gap(5)", result.Reason);
    }

    [Fact]
    public void The_gap_over_the_principal_components_also_chooses_five_for_five_separated_blobs()
        => Assert.Equal(5, Sweep(FiveBlobs(), KSelectionRule.Gap(10, GapReference.PrincipalComponents)).ChosenK);

    [Fact]
    public void On_the_shared_blobs_fixture_the_gap_merges_its_two_overlapping_blobs_and_chooses_four()
    {
        // blobs_2000x3.csv: truth blobs 2 and 4 have centres 23.6 apart with SDs 8 to 12 per feature, so they overlap;
        // Gap(4) exceeds Gap(5) outright and the one-SE rule stops at 4 (the Kneedle knee of this fixture is 3 or 4).
        ElbowResult result = Sweep(QualityFixtures.Blobs().Data, KSelectionRule.Gap(), clusterers: KMeansClusterer.Factory(new KMeansOptions { NInit = 10 }));

        Assert.Equal(4, result.ChosenK);
        Assert.True(result.Curve[3].Gap > result.Curve[4].Gap, $"Gap(4) = {result.Curve[3].Gap}, Gap(5) = {result.Curve[4].Gap}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void The_gap_chooses_one_for_uniform_noise(int features)
    {
        ElbowResult result = Sweep(BootstrapStabilityTests.UniformNoise(features: features), KSelectionRule.Gap());

        Assert.Equal(1, result.ChosenK);
        Assert.Contains("K = 1 is the smallest K", result.Reason);
    }

    [Fact]
    public void Gap_and_its_standard_error_follow_the_formula_on_a_hand_computed_case()
    {
        // References with W* = 2 and 8: mean log W* = (ln 2 + ln 8) / 2 = ln 4; with W = 1, Gap = ln 4.
        // Population SD of {ln 2, ln 8} = ln 2; s = ln 2 · sqrt(1 + 1/2).
        (double? gap, double? error) = GapStatistic.Of([Math.Log(2), Math.Log(8)], 1);

        Assert.Equal(Math.Log(4), gap!.Value, 12);
        Assert.Equal(Math.Log(2) * Math.Sqrt(1.5), error!.Value, 12);
    }

    [Fact]
    public void A_zero_inertia_has_no_gap()
        => Assert.Equal((null, null), GapStatistic.Of([1.0, 2.0], 0));

    [Fact]
    public void Each_points_gap_is_the_mean_log_reference_inertia_minus_the_log_inertia_recomputed_by_hand()
    {
        // Twelve rows in two tight groups; three uniform references over the bounding box, redrawn here from the
        // seeds the sweep derives from its seed, and fitted with the same factory and fit seeds.
        FeatureMatrix data = FeatureMatrix.FromRows(
            [.. Enumerable.Range(0, 12).Select(i => new double[] { (i < 6 ? 0 : 10) + (i % 3 * 0.1), (i % 2) * 0.2 })], ["x", "y"]);
        const int seed = 4;
        ElbowResult result = new ElbowSelector(new ElbowOptions { MaxK = 3, Rule = KSelectionRule.Gap(3), Seed = seed }, KMeans).Select(data);

        double[] low = [.. Enumerable.Range(0, 2).Select(j => (double)data.Column(j).ToArray().Min())];
        double[] high = [.. Enumerable.Range(0, 2).Select(j => (double)data.Column(j).ToArray().Max())];
        var master = new Xoshiro256StarStar(seed);
        var references = new List<(FeatureMatrix Set, int FitSeed)>();
        for (int b = 0; b < 3; b++)
        {
            var random = new Xoshiro256StarStar(master.Next());
            int fitSeed = master.Next();
            byte[] bits = new byte[4096 * 2 * 8]; // one block of 4,096 rows of 2 features, 64 bits each
            random.NextBytes(bits);
            ulong[] words = [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bits)];
            double Uniform(int index) => (words[index] >> 11) / 9007199254740992.0; // 53 bits over 2^53
            var rows = new List<double[]>();
            for (int i = 0; i < 12; i++)
            {
                double x = low[0] + ((high[0] - low[0]) * Uniform(2 * i));
                double y = low[1] + ((high[1] - low[1]) * Uniform((2 * i) + 1));
                rows.Add([x, y]);
            }

            references.Add((FeatureMatrix.FromRows(rows, ["x", "y"]), fitSeed));
        }

        foreach (ElbowPoint point in result.Curve)
        {
            double[] logs = [.. references.Select(r => Math.Log(KMeans(new ClusteringRequest(point.K, r.FitSeed)).Fit(r.Set).Inertia))];
            double mean = logs.Average();
            double sd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / 3);
            Assert.Equal(mean - Math.Log(point.Inertia), point.Gap!.Value, 6);
            Assert.Equal(sd * Math.Sqrt(1 + (1.0 / 3)), point.GapStandardError!.Value, 6);
        }

        Assert.Equal(2, result.ChosenK);
    }

    [Fact]
    public void The_rule_takes_the_smallest_K_within_one_standard_error_of_the_next()
    {
        ImmutableArray<ElbowPoint> curve = [Point(1, 0.1, 0.05), Point(2, 0.5, 0.05), Point(3, 0.52, 0.05), Point(4, 0.9, 0.05)];

        // Gap(1) < Gap(2) - s2; Gap(2) = 0.5 >= Gap(3) - s3 = 0.47: K = 2, though Gap(4) is larger.
        Assert.Equal(2, KSelectionRule.Gap().Choose(curve, Knee.None("none", [], [], [])).K);
    }

    [Fact]
    public void When_no_K_is_within_one_standard_error_of_the_next_the_rule_takes_the_largest()
    {
        ImmutableArray<ElbowPoint> curve = [Point(1, 0.1, 0.01), Point(2, 0.5, 0.01), Point(3, 0.9, 0.01)];

        (int k, string reason) = KSelectionRule.Gap().Choose(curve, Knee.None("none", [], [], []));

        Assert.Equal(3, k);
        Assert.Contains("no K of K = 1..3 has Gap(K) >= Gap(K+1) - s_(K+1), so the largest, K = 3, was taken", reason);
    }

    [Fact]
    public void Beside_the_elbow_the_result_reports_the_gaps_K_and_says_when_they_disagree()
    {
        var options = new ElbowOptions { MaxK = 8, Seed = 1, GapReferences = 5 };
        ElbowResult result = new ElbowSelector(options, KMeans).Select(BootstrapStabilityTests.UniformNoise());

        Assert.Equal(1, result.GapChosenK);
        Assert.NotEqual(1, result.ChosenK);
        Assert.Contains($"The gap statistic disagrees: it chooses K = 1.", result.Reason);
        Assert.All(result.Curve, p => Assert.NotNull(p.Gap));
    }

    [Fact]
    public void Without_a_gap_rule_or_references_no_gap_is_computed()
    {
        ElbowResult result = new ElbowSelector(new ElbowOptions { MaxK = 4 }, KMeans).Select(FiveBlobs());

        Assert.Null(result.GapChosenK);
        Assert.All(result.Curve, p => Assert.Null(p.Gap));
        Assert.DoesNotContain("gap", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_gap_is_bit_identical_for_any_thread_limit()
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(500, 2, 3, seed: 2));
        ElbowResult one = Sweep(data, KSelectionRule.Gap(4), threads: 1, maxK: 5);
        foreach (int threads in new[] { 2, -1 })
        {
            ElbowResult other = Sweep(data, KSelectionRule.Gap(4, GapReference.BoundingBox), threads: threads, maxK: 5);
            Assert.Equal(one.Curve.Select(p => (p.Gap, p.GapStandardError)), other.Curve.Select(p => (p.Gap, p.GapStandardError)));
            Assert.Equal(one.ChosenK, other.ChosenK);
        }
    }

    [Fact]
    public void The_principal_component_gap_is_bit_identical_for_any_thread_limit()
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(400, 3, 3, seed: 3));
        ElbowResult one = Sweep(data, KSelectionRule.Gap(3, GapReference.PrincipalComponents), threads: 1, maxK: 4);
        ElbowResult all = Sweep(data, KSelectionRule.Gap(3, GapReference.PrincipalComponents), threads: -1, maxK: 4);

        Assert.Equal(one.Curve.Select(p => p.Gap), all.Curve.Select(p => p.Gap));
    }

    [Fact]
    public void Progress_reports_every_K_with_its_gap()
    {
        var reports = new ConcurrentBag<ElbowProgress>();
        new ElbowSelector(new ElbowOptions { MaxK = 4, Rule = KSelectionRule.Gap(2) }, KMeans).Select(FiveBlobs(), new SyncProgress(reports.Add));

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Point.K).Order());
        Assert.All(reports, r => Assert.NotNull(r.Point.Gap));
    }

    [Fact]
    public void Cancelling_stops_the_reference_fits()
    {
        using var cancel = new CancellationTokenSource();
        int fits = 0;
        ClustererFactory counting = request =>
        {
            if (Interlocked.Increment(ref fits) == 3)
            {
                cancel.Cancel();
            }

            return KMeans(request);
        };
        var selector = new ElbowSelector(new ElbowOptions { MaxK = 10, Rule = KSelectionRule.Gap(10), FitInParallel = false }, counting);

        Assert.ThrowsAny<OperationCanceledException>(() => selector.Select(FiveBlobs(), null, cancel.Token));
        Assert.True(fits < 10, $"{fits} fits started after cancellation at the third of 110");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Fewer_than_two_references_are_rejected(int references)
    {
        var rule = Assert.Throws<ArgumentOutOfRangeException>(() => KSelectionRule.Gap(references));
        Assert.Equal("references", rule.ParamName);
        Assert.Contains("at least 2 reference data sets", rule.Message);

        var option = Assert.Throws<ArgumentOutOfRangeException>(() => new ElbowOptions { GapReferences = references });
        Assert.Contains("GapReferences must be at least 2", option.Message);
    }

    [Fact]
    public void A_null_reference_choice_is_rejected()
        => Assert.Equal("GapReference", Assert.Throws<ArgumentNullException>(() => new ElbowOptions { GapReference = null! }).ParamName);

    [Fact]
    public void The_gap_rule_and_other_gap_options_together_are_rejected()
    {
        var options = new ElbowOptions { Rule = KSelectionRule.Gap(10), GapReferences = 5 };

        var error = Assert.Throws<ArgumentException>(() => new ElbowSelector(options));

        Assert.Contains("brings its own gap settings, but GapReferences = 5 with BoundingBox asks for others", error.Message);
    }

    [Fact]
    public void The_gap_rule_and_the_same_gap_options_together_are_accepted()
        => Assert.Equal(10, new ElbowSelector(new ElbowOptions { Rule = KSelectionRule.Gap(10), GapReferences = 10 }).Options.GapReferences);

    [Fact]
    public void The_rule_describes_itself()
    {
        Assert.Equal("Gap (10 references, BoundingBox)", KSelectionRule.Gap().ToString());
        Assert.Equal("Gap (3 references, PrincipalComponents)", KSelectionRule.Gap(3, GapReference.PrincipalComponents).ToString());
    }

    private static ElbowPoint Point(int k, double gap, double error) => new(k, 1, TimeSpan.Zero, null, null, null, 1, true, gap, error);

    private sealed class SyncProgress(Action<ElbowProgress> report) : IProgress<ElbowProgress>
    {
        public void Report(ElbowProgress value) => report(value);
    }
}
