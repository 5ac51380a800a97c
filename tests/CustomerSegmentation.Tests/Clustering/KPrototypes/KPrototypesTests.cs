using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Clustering.KPrototypes;

public sealed class KPrototypesTests
{
    private static FeatureMatrix Mixed(double[] x, params string[] categories)
        => FeatureMatrix.FromColumns([x], ["x"]).WithCategoricals([CategoricalColumn.FromValues("c", categories)]);

    [Fact]
    public void A_hand_computed_fit_has_the_means_the_modes_and_the_cost()
    {
        // {0, 0.2, 0.4} with A, A, B: mean 0.2, mode A, cost 0.04 + 0 + 0.04 + 1 (one mismatch, gamma 1);
        // {10, 10.2} with B, B: mean 10.1, mode B, cost 0.01 + 0.01. Total 1.10.
        FeatureMatrix data = Mixed([0, 0.2, 0.4, 10, 10.2], "A", "A", "B", "B", "B");

        ClusteringResult fit = new KPrototypesClusterer(new KPrototypesOptions { K = 2, Gamma = 1, Seed = 3 }).Fit(data);

        var model = Assert.IsType<KPrototypesModel>(fit.Model);
        int low = fit.Labels[0];
        Assert.Equal([low, low, low, 1 - low, 1 - low], fit.Labels.ToArray());
        Assert.Equal(0.2, model.Centroids[low][0], 6);
        Assert.Equal(10.1, model.Centroids[1 - low][0], 5);
        Assert.Equal("A", model.Modes[low][0]);
        Assert.Equal("B", model.Modes[1 - low][0]);
        Assert.Equal(1.10, fit.Inertia, 5);
        Assert.Equal(1.0, model.Gamma);
    }

    [Theory]
    [InlineData(new[] { "B", "A", "A", "B" }, "B")]
    [InlineData(new[] { "A", "B", "B", "A" }, "A")]
    public void A_tied_mode_stays_where_it_started(string[] categories, string expected)
    {
        // Cao starts from the densest row, the first on ties (every row is as dense here); A and B tie 2 to 2.
        FeatureMatrix data = Mixed([0, 0.1, 0.2, 0.3], categories);

        var model = (KPrototypesModel)new KPrototypesClusterer(new KPrototypesOptions { K = 1, Init = KPrototypesInitialization.Cao }).Fit(data).Model;

        Assert.Equal(expected, model.Modes[0][0]);
    }

    [Fact]
    public void Huangs_gamma_is_half_the_mean_numeric_standard_deviation()
    {
        // Population SDs 2 and 4: gamma = 0.5 * 3.
        FeatureMatrix data = FeatureMatrix.FromColumns([new double[] { -2, 2, -2, 2 }, new double[] { -4, 4, 4, -4 }], ["a", "b"]);

        Assert.Equal(1.5, KPrototypesClusterer.HuangGamma(data), 6);
        Assert.Equal(1.0, KPrototypesClusterer.HuangGamma(FeatureMatrix.FromColumns([new double[] { 3, 3 }], ["flat"])));
    }

    public static class Problems
    {
        public static Arbitrary<MixedProblem> Mixed() => Arb.From(
            from rows in Gen.Choose(10, 150)
            from k in Gen.Choose(1, 5)
            from levels in Gen.Choose(2, 5)
            from seed in Gen.Choose(0, 10_000)
            from gammaTenths in Gen.Choose(0, 30)
            from cao in Gen.Elements(true, false)
            select new MixedProblem(rows, k, levels, seed, gammaTenths / 10.0, cao));
    }

    [Property(Arbitrary = [typeof(Problems)], MaxTest = 150)]
    public void The_cost_never_rises_from_one_iteration_to_the_next(MixedProblem problem)
    {
        ClusteringResult fit = problem.Fit(threads: 1);

        var costs = ((KPrototypesModel)fit.Model).CostHistory;
        Assert.NotEmpty(costs);
        for (int t = 1; t < costs.Length; t++)
        {
            Assert.True(costs[t] <= (costs[t - 1] * (1 + 1e-6)) + 1e-9, $"iteration {t}: {costs[t]} after {costs[t - 1]}");
        }
    }

    [Property(Arbitrary = [typeof(Problems)], MaxTest = 100)]
    public void The_model_predicts_the_fitted_labels(MixedProblem problem)
    {
        FeatureMatrix data = problem.Data();
        ClusteringResult fit = problem.Fit(threads: 1);

        Assert.Equal(fit.Labels.ToArray(), fit.Predict(data));
    }

    [Fact]
    public void Results_are_bit_identical_for_1_2_and_all_threads()
    {
        // 30,000 rows: four blocks, run on the thread pool.
        FeatureMatrix data = SyntheticMixedCustomers.Generate(30_000, 5, seed: 8).ToFeatureMatrix();
        ClusteringResult Fit(int threads) => new KPrototypesClusterer(new KPrototypesOptions { K = 5, NInit = 3, Seed = 21, MaxDegreeOfParallelism = threads }).Fit(data);

        ClusteringResult one = Fit(1);
        foreach (int threads in new[] { 2, -1 })
        {
            ClusteringResult many = Fit(threads);
            Assert.Equal(one.Labels.ToArray(), many.Labels.ToArray());
            Assert.Equal(one.Inertia, many.Inertia);
            Assert.Equal(one.Centroids.SelectMany(c => c), many.Centroids.SelectMany(c => c));
            Assert.Equal(((KPrototypesModel)one.Model).CostHistory.ToArray(), ((KPrototypesModel)many.Model).CostHistory.ToArray());
            Assert.Equal(((KPrototypesModel)one.Model).Modes.SelectMany(m => m), ((KPrototypesModel)many.Model).Modes.SelectMany(m => m));
        }
    }

    [Fact]
    public void Known_mixed_groups_are_recovered()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(3000, 4, seed: 5);

        ClusteringResult fit = new KPrototypesClusterer(new KPrototypesOptions { K = 4, Seed = 1 }).Fit(customers.ToFeatureMatrix());

        double ari = AdjustedRand.Index(customers.Truth, fit.Labels.ToArray(), 4);
        Assert.True(ari >= 0.95, $"adjusted Rand index {ari}");
    }

    [Fact]
    public void Cao_initialisation_runs_once_and_finds_the_groups()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(2000, 3, seed: 9);

        ClusteringResult fit = new KPrototypesClusterer(new KPrototypesOptions { K = 3, Init = KPrototypesInitialization.Cao }).Fit(customers.ToFeatureMatrix());

        Assert.True(AdjustedRand.Index(customers.Truth, fit.Labels.ToArray(), 3) >= 0.95);
        Assert.Equal("Cao", KPrototypesInitialization.Cao.ToString());
    }

    [Fact]
    public void Prediction_needs_the_categorical_features()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(200, 2, seed: 2);
        ClusteringResult fit = new KPrototypesClusterer(new KPrototypesOptions { K = 2 }).Fit(customers.ToFeatureMatrix());

        var error = Assert.Throws<ArgumentException>(() => fit.Predict(FeatureMatrix.FromColumns(customers.Numeric, [.. SyntheticMixedCustomers.NumericNames])));

        Assert.Contains("lacks the categorical feature 'Channel'", error.Message);
    }

    [Fact]
    public void A_category_unseen_in_the_fit_matches_no_mode()
    {
        FeatureMatrix data = Mixed([0, 0.1, 10, 10.1], "A", "A", "B", "B");
        ClusteringResult fit = new KPrototypesClusterer(new KPrototypesOptions { K = 2, Gamma = 100 }).Fit(data);

        // Next to the low prototype numerically; "Z" mismatches both modes equally, so the numeric part decides.
        int[] predicted = fit.Predict(Mixed([0.05], "Z"));

        Assert.Equal(fit.Labels[0], predicted[0]);
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        FeatureMatrix data = SyntheticMixedCustomers.Generate(500, 3, seed: 1).ToFeatureMatrix();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new KPrototypesClusterer(new KPrototypesOptions { K = 3 }).Fit(data, cancelled.Token));
    }

    [Fact]
    public void Invalid_options_name_the_option()
    {
        Assert.Equal("K", Assert.Throws<ArgumentOutOfRangeException>(() => new KPrototypesOptions { K = 0 }).ParamName);
        Assert.Equal("NInit", Assert.Throws<ArgumentOutOfRangeException>(() => new KPrototypesOptions { NInit = 0 }).ParamName);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new KPrototypesOptions { MaxIterations = 0 }).ParamName);
        Assert.Equal("Gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new KPrototypesOptions { Gamma = -1 }).ParamName);
        Assert.Equal("Gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new KPrototypesOptions { Gamma = double.NaN }).ParamName);
        Assert.Throws<ArgumentNullException>(() => new KPrototypesOptions { Init = null! });
    }

    [Fact]
    public void Fitting_values_outside_the_levels_is_refused()
    {
        CategoricalColumn fitted = CategoricalColumn.FromValues("c", ["A", "B"]);
        FeatureMatrix data = FeatureMatrix.FromColumns([new double[] { 0, 1 }], ["x"]).WithCategoricals([fitted.Encode(["A", "Z"])]);

        var error = Assert.Throws<ArgumentException>(() => new KPrototypesClusterer(new KPrototypesOptions { K = 1 }).Fit(data));

        Assert.Contains("outside its levels", error.Message);
    }

    public sealed record MixedProblem(int Rows, int K, int Levels, int Seed, double Gamma, bool Cao)
    {
        public FeatureMatrix Data()
        {
            var random = new Random(Seed);
            double[] a = [.. Enumerable.Range(0, Rows).Select(_ => (double)random.Next(-20, 21))];
            double[] b = [.. Enumerable.Range(0, Rows).Select(_ => (double)random.Next(0, 5))];
            string[] c = [.. Enumerable.Range(0, Rows).Select(_ => $"L{random.Next(Levels)}")];
            string[] d = [.. Enumerable.Range(0, Rows).Select(_ => $"M{random.Next(2)}")];
            return FeatureMatrix.FromColumns([a, b], ["a", "b"])
                .WithCategoricals([CategoricalColumn.FromValues("c", c), CategoricalColumn.FromValues("d", d)]);
        }

        public ClusteringResult Fit(int threads) => new KPrototypesClusterer(new KPrototypesOptions
        {
            K = Math.Min(K, Rows),
            Seed = Seed,
            NInit = 2,
            Gamma = Gamma,
            Init = Cao ? KPrototypesInitialization.Cao : KPrototypesInitialization.Huang,
            MaxDegreeOfParallelism = threads,
        }).Fit(Data());
    }
}
