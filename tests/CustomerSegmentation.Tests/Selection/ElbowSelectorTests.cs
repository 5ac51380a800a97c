using System.Text.Json;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Tests.Selection;

/// <summary>The elbow sweep against scikit-learn's inertia (best of 10 restarts) and kneed's knees.</summary>
public sealed class ElbowSelectorTests
{
    private static readonly string[] MallFeatures = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];

    public static TheoryData<string, bool> MallCases => new() { { "unscaled", false }, { "standardized", true } };

    [MallDataTheory]
    [MemberData(nameof(MallCases))]
    public void Mall_inertia_per_K_is_within_half_a_percent_of_scikit_learn_and_the_knees_match_kneed(string section, bool standardize)
    {
        FeatureMatrix data = CustomerCsv.Read(TestData.MallCustomersCsv()!, MallFeatures).Features;
        if (standardize)
        {
            data = FeatureScaler.Fit(data, FeatureScaling.Standard).Transform(data);
        }

        JsonElement reference = QualityFixtures.Json("mall_customers.sklearn.json").GetProperty(section);
        AssertSweepMatches(data, reference.GetProperty("inertia_best_of_10_by_k"), reference.GetProperty("kneedle_knee_k1_10").GetInt32(), reference.GetProperty("kneedle_knee_k2_10").GetInt32());
        AssertScoresMatchWhereThePartitionIsScikitLearns(data, reference);
    }

    /// <summary>
    /// Above the sample size the sweep draws its silhouette sample once and scores every K on it: each K's silhouette
    /// is, bit for bit, the public sampled silhouette of that K's labels with the sweep's sample size and seed.
    /// </summary>
    [Fact]
    public void The_sampled_silhouette_of_every_K_is_the_public_sampled_silhouette_of_its_labels()
    {
        FeatureMatrix data = QualityFixtures.Blobs().Data;
        var options = new ElbowOptions { MinK = 2, MaxK = 5, SilhouetteSampleSize = 500, Seed = 11 };

        ElbowResult result = new ElbowSelector(options).Select(data);

        Assert.True(data.RowCount > options.SilhouetteSampleSize);
        for (int i = 0; i < result.Curve.Length; i++)
        {
            double expected = ClusterQuality.Silhouette(data, result.ClusteringFor(result.Curve[i].K).Labels.AsSpan(), options.SilhouetteSampleSize, options.Seed);
            Assert.Equal(expected, result.Curve[i].Silhouette);
        }

        Assert.NotEqual(
            ClusterQuality.Silhouette(data, result.ClusteringFor(3).Labels.AsSpan(), options.SilhouetteSampleSize, seed: 12),
            result.Curve[1].Silhouette);
    }

    [Fact]
    public void Blobs_inertia_per_K_is_within_half_a_percent_of_scikit_learn_and_the_knees_match_kneed()
    {
        FeatureMatrix data = QualityFixtures.Blobs().Data;
        JsonElement reference = QualityFixtures.Json("blobs_2000x3.sklearn.json");

        AssertSweepMatches(data, reference.GetProperty("inertia_best_of_10_by_k"), reference.GetProperty("kneedle_knee_k1_10").GetInt32(), reference.GetProperty("kneedle_knee_k2_10").GetInt32());
    }

    [Fact]
    public void Parallel_and_sequential_sweeps_give_identical_results()
    {
        FeatureMatrix data = QualityFixtures.Blobs().Data;
        ElbowResult Run(bool parallel) => new ElbowSelector(new ElbowOptions { MaxK = 6, FitInParallel = parallel, Seed = 5 }, KMeansClusterer.Factory(new KMeansOptions { NInit = 2 })).Select(data);

        ElbowResult a = Run(true);
        ElbowResult b = Run(false);

        Assert.Equal(a.ChosenK, b.ChosenK);
        Assert.Equal(a.Curve.Select(p => (p.K, p.Inertia, p.Silhouette, p.CalinskiHarabasz, p.DaviesBouldin)), b.Curve.Select(p => (p.K, p.Inertia, p.Silhouette, p.CalinskiHarabasz, p.DaviesBouldin)));
        for (int k = 1; k <= 6; k++)
        {
            Assert.Equal(a.ClusteringFor(k).Labels.ToArray(), b.ClusteringFor(k).Labels.ToArray());
        }
    }

    [Fact]
    public void Every_K_is_reported_to_progress_and_K_1_has_no_scores()
    {
        var seen = new List<ElbowProgress>();
        var progress = new Synchronous<ElbowProgress>(seen.Add);
        ElbowResult result = new ElbowSelector(new ElbowOptions { MaxK = 5, FitInParallel = false }).Select(QualityFixtures.Blobs().Data, progress);

        Assert.Equal([1, 2, 3, 4, 5], seen.Select(p => p.Point.K));
        Assert.Equal([1, 2, 3, 4, 5], seen.Select(p => p.Completed));
        Assert.All(seen, p => Assert.Equal(5, p.Total));
        Assert.Null(result.Curve[0].Silhouette);
        Assert.Null(result.Curve[0].CalinskiHarabasz);
        Assert.All(result.Curve.Skip(1), p => Assert.NotNull(p.Silhouette));
        Assert.All(result.Curve, p => Assert.True(p.FitTime > TimeSpan.Zero));
    }

    [Theory]
    [InlineData("MaxSilhouette")]
    [InlineData("MaxCalinskiHarabasz")]
    [InlineData("MinDaviesBouldin")]
    public void Score_rules_pick_the_best_scoring_K_of_the_curve(string name)
    {
        KSelectionRule rule = name switch
        {
            "MaxSilhouette" => KSelectionRule.MaxSilhouette,
            "MaxCalinskiHarabasz" => KSelectionRule.MaxCalinskiHarabasz,
            _ => KSelectionRule.MinDaviesBouldin,
        };
        ElbowResult result = new ElbowSelector(new ElbowOptions { MinK = 2, MaxK = 7, Rule = rule }, KMeansClusterer.Factory(new KMeansOptions { NInit = 3 }))
            .Select(QualityFixtures.Blobs().Data);

        ElbowPoint expected = name switch
        {
            "MaxSilhouette" => result.Curve.MaxBy(p => p.Silhouette)!,
            "MaxCalinskiHarabasz" => result.Curve.MaxBy(p => p.CalinskiHarabasz)!,
            _ => result.Curve.MinBy(p => p.DaviesBouldin)!,
        };
        Assert.Equal(name, rule.Name);
        Assert.Same(rule, result.Rule);
        Assert.Equal(expected.K, result.ChosenK);
        Assert.Equal(result.ChosenK, result.Chosen.K);
        Assert.Contains($"K = {expected.K}", result.Reason);
    }

    [Fact]
    public void Without_a_knee_the_result_says_so_and_falls_back_to_the_silhouette()
    {
        ElbowResult result = new ElbowSelector(new ElbowOptions { MinK = 2, MaxK = 3 }).Select(QualityFixtures.Blobs().Data);

        Assert.False(result.KneeFound);
        Assert.NotNull(result.Knee.Reason);
        Assert.StartsWith(result.Knee.Reason!, result.Reason);
        Assert.Contains("Fell back to the silhouette", result.Reason);
        Assert.Equal(result.Curve.MaxBy(p => p.Silhouette)!.K, result.ChosenK);
    }

    [Fact]
    public void A_single_K_without_any_score_falls_back_to_that_K()
    {
        ElbowResult result = new ElbowSelector(new ElbowOptions { MinK = 1, MaxK = 1 }).Select(QualityFixtures.Blobs().Data);

        Assert.False(result.KneeFound);
        Assert.Equal(1, result.ChosenK);
        Assert.Contains("smallest K", result.Reason);
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_option()
    {
        Assert.Equal("MinK", Assert.Throws<ArgumentOutOfRangeException>(() => new ElbowOptions { MinK = 0 }).ParamName);
        Assert.Equal("MaxK", Assert.Throws<ArgumentOutOfRangeException>(() => new ElbowOptions { MaxK = 0 }).ParamName);
        Assert.Equal("SilhouetteSampleSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ElbowOptions { SilhouetteSampleSize = 1 }).ParamName);
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => KSelectionRule.Elbow(double.NaN));
        Assert.Equal("sensitivity", nan.ParamName);
        Assert.Contains("sensitivity must be a positive, finite number", nan.Message);
        Assert.Equal("sensitivity", Assert.Throws<ArgumentOutOfRangeException>(() => KSelectionRule.Elbow(0)).ParamName);
        Assert.Equal("Rule", Assert.Throws<ArgumentNullException>(() => new ElbowOptions { Rule = null! }).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new ElbowOptions { MaxDegreeOfParallelism = 0 }).ParamName);
        Assert.Contains("MaxK (2) is less than MinK (3)", Assert.Throws<ArgumentException>(() => new ElbowSelector(new ElbowOptions { MinK = 3, MaxK = 2 })).Message);
    }

    [Fact]
    public void MaxK_beyond_the_row_count_is_rejected()
    {
        FeatureMatrix three = FeatureMatrix.FromRows([[0.0], [1], [2]], ["x"]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ElbowSelector().Select(three));
        Assert.Contains("MaxK is 10 but the data has only 3 rows", error.Message);
    }

    [Fact]
    public void ClusteringFor_a_K_outside_the_sweep_is_rejected()
    {
        ElbowResult result = new ElbowSelector(new ElbowOptions { MinK = 2, MaxK = 3 }).Select(QualityFixtures.Blobs().Data);
        Assert.Contains("K = 2..3", Assert.Throws<ArgumentOutOfRangeException>(() => result.ClusteringFor(4)).Message);
    }

    /// <summary>
    /// Knees on the default run (seed 0); inertia per K as the median over seeds 0..9 of the best of 10 restarts, no
    /// more than 0.5% above scikit-learn's best of 10. One-sided, because a lower inertia is a better optimum; and over
    /// seeds, because any single seed of a correct k-means++ (scikit-learn's included) misses a hard K now and then.
    /// </summary>
    private static void AssertSweepMatches(FeatureMatrix data, JsonElement inertiaByK, int kneeFrom1, int kneeFrom2)
    {
        var options = new ElbowOptions { MinK = 1, MaxK = 10, Seed = 0 };
        ElbowResult from1 = new ElbowSelector(options).Select(data);
        ElbowResult from2 = new ElbowSelector(options with { MinK = 2 }).Select(data);
        Assert.True(from1.KneeFound);
        Assert.Equal(kneeFrom1, from1.ChosenK);
        Assert.Equal(kneeFrom2, from2.ChosenK);
        Assert.Contains("Elbow", from1.Reason);

        var sweeps = Enumerable.Range(0, 10)
            .Select(seed => seed == 0 ? from1 : new ElbowSelector(options with { Seed = seed }).Select(data))
            .ToList();
        for (int k = 1; k <= 10; k++)
        {
            double expected = inertiaByK.GetProperty(k.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetDouble();
            double median = sweeps.Select(s => s.Curve[k - 1].Inertia).Order().ElementAt(4);
            Assert.True(median <= 1.005 * expected, $"K = {k}: median best-of-10 inertia {median}, scikit-learn {expected}");
        }
    }

    /// <summary>
    /// Where our inertia equals scikit-learn's to 1e-6 the partition is its own, and so must the scores be (1e-5:
    /// the reference keeps 6 digits). Seeds 0..4 are searched for each K's partition.
    /// </summary>
    private static void AssertScoresMatchWhereThePartitionIsScikitLearns(FeatureMatrix data, JsonElement reference)
    {
        var sweeps = Enumerable.Range(0, 5)
            .Select(seed => new ElbowSelector(new ElbowOptions { MinK = 2, MaxK = 10, Seed = seed }).Select(data))
            .ToList();
        int compared = 0;
        for (int k = 2; k <= 10; k++)
        {
            string key = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            double inertia = reference.GetProperty("inertia_best_of_10_by_k").GetProperty(key).GetDouble();
            ElbowPoint? point = sweeps.Select(s => s.Curve[k - 2]).FirstOrDefault(p => Math.Abs(p.Inertia - inertia) <= (1e-6 * inertia) + 1e-4);
            if (point is null)
            {
                continue;
            }

            JsonElement scores = reference.GetProperty("by_k").GetProperty(key);
            QualityFixtures.Close(scores.GetProperty("silhouette").GetDouble(), point.Silhouette!.Value, 1e-5);
            QualityFixtures.Close(scores.GetProperty("calinski_harabasz").GetDouble(), point.CalinskiHarabasz!.Value, 1e-5);
            QualityFixtures.Close(scores.GetProperty("davies_bouldin").GetDouble(), point.DaviesBouldin!.Value, 1e-5);
            compared++;
        }

        Assert.True(compared >= 5, $"only {compared} K had scikit-learn's partition");
    }

    private sealed class Synchronous<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
