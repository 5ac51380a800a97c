using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Clustering.GaussianMixture;

/// <summary>Hand-computed mixtures, the regularised constant feature, rejected options, progress and cancellation.</summary>
public sealed class GaussianMixtureTests
{
    private static FeatureMatrix Column(params double[] values) => FeatureMatrix.FromColumns([values], ["x"]);

    private static GaussianMixtureModel FitModel(FeatureMatrix data, GaussianMixtureOptions options)
        => (GaussianMixtureModel)new GaussianMixtureClusterer(options).Fit(data).Model;

    [Fact]
    public void One_component_is_the_sample_mean_and_population_variance_plus_the_regularisation()
    {
        // x = 0, 2, 4: mean 2, population variance 8/3; ln L = sum of ln N(x; 2, 8/3 + 1e-6).
        GaussianMixtureModel model = FitModel(Column(0, 2, 4), new GaussianMixtureOptions { K = 1 });
        double variance = (8.0 / 3) + 1e-6;
        double logLikelihood = -1.5 * Math.Log(2 * Math.PI * variance) - ((4 + 0 + 4) / (2 * variance));

        Assert.Equal(2, model.Centroids[0][0], 12);
        Assert.Equal(variance, model.Covariance(0)[0, 0], 12);
        Assert.Equal(1, model.Weights[0], 15);
        Assert.Equal(logLikelihood, model.LogLikelihood, 10);
        Assert.Equal(logLikelihood / 3, model.MeanLogLikelihood, 10);
        Assert.Equal(2, model.FreeParameters);
        Assert.Equal((-2 * logLikelihood) + (2 * Math.Log(3)), model.Bic, 9);
        Assert.Equal((-2 * logLikelihood) + 4, model.Aic, 9);
    }

    [Fact]
    public void A_full_covariance_of_one_component_is_the_population_covariance()
    {
        FeatureMatrix data = FeatureMatrix.FromRows([[0, 0], [1, 2], [2, 4], [3, 2]], ["x", "y"]);
        GaussianMixtureModel model = FitModel(data, new GaussianMixtureOptions { K = 1, RegCovar = 0 });

        // mean (1.5, 2); var x = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, var y = (4 + 0 + 4 + 0) / 4 = 2,
        // cov xy = ((-1.5)(-2) + (-0.5)(0) + (0.5)(2) + (1.5)(0)) / 4 = 1.
        Assert.Equal(1.5, model.Centroids[0][0], 12);
        Assert.Equal(2, model.Centroids[0][1], 12);
        double[,] covariance = model.Covariance(0);
        Assert.Equal(1.25, covariance[0, 0], 12);
        Assert.Equal(2, covariance[1, 1], 12);
        Assert.Equal(1, covariance[0, 1], 12);
        Assert.Equal(1, covariance[1, 0], 12);
        Assert.Equal(5, model.FreeParameters);
    }

    [Theory]
    [InlineData(GaussianCovariance.Full, 49)]
    [InlineData(GaussianCovariance.Diagonal, 34)]
    public void Five_components_of_three_features_have_the_documented_free_parameters(GaussianCovariance covariance, int expected)
    {
        // 4 weights + 15 means + 5 x 6 (full) or 5 x 3 (diagonal) covariance terms.
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(200, 3, 5, seed: 3));
        Assert.Equal(expected, FitModel(data, new GaussianMixtureOptions { K = 5, Covariance = covariance }).FreeParameters);
    }

    [Fact]
    public void Two_separated_groups_are_found_with_certain_memberships()
    {
        FeatureMatrix data = Column(0, 0.1, 0.2, 10, 10.1, 10.2);
        ClusteringResult fit = new GaussianMixtureClusterer(new GaussianMixtureOptions { K = 2 }).Fit(data);
        var model = (GaussianMixtureModel)fit.Model;

        Assert.NotEqual(fit.Labels[0], fit.Labels[3]);
        Assert.Equal(fit.Labels[0], fit.Labels[2]);
        Assert.Equal(0.5, model.Weights[0], 9);
        double[,] probabilities = model.PredictProbabilities(data);
        Assert.Equal(1, probabilities[0, fit.Labels[0]], 9);
        Assert.Equal(fit.Labels.ToArray(), model.Predict(data));
        Assert.Equal(model.MeanLogLikelihood, model.Score(data), 12);
        Assert.True(fit.Converged);
        Assert.Equal(model.LowerBoundHistory.Length, fit.Iterations);
    }

    [Theory]
    [InlineData(GaussianCovariance.Full)]
    [InlineData(GaussianCovariance.Diagonal)]
    public void A_constant_feature_gets_the_regularisation_as_its_variance_and_a_finite_likelihood(GaussianCovariance covariance)
    {
        double[][] rows = RandomData.Blobs(120, 2, 3, seed: 5).Select(r => new[] { r[0], 7.0, r[1] }).ToArray();
        FeatureMatrix data = RandomData.Matrix(rows);
        ClusteringResult fit = new GaussianMixtureClusterer(new GaussianMixtureOptions { K = 3, Covariance = covariance }).Fit(data);
        var model = (GaussianMixtureModel)fit.Model;

        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(GaussianMixtureOptions.DefaultRegCovar, model.Covariance(k)[1, 1], 15);
            Assert.Equal(7, model.Centroids[k][1], 12);
        }

        Assert.True(double.IsFinite(model.LogLikelihood));
        Assert.True(double.IsFinite(model.Bic));
        double[,] probabilities = model.PredictProbabilities(data);
        Assert.All(probabilities.Cast<double>(), p => Assert.True(double.IsFinite(p)));
    }

    [Theory]
    [InlineData(GaussianCovariance.Full)]
    [InlineData(GaussianCovariance.Diagonal)]
    public void A_constant_feature_without_regularisation_is_refused_naming_the_component_and_the_remedy(GaussianCovariance covariance)
    {
        double[][] rows = RandomData.Blobs(60, 1, 2, seed: 5).Select(r => new[] { r[0], 7.0 }).ToArray();
        var clusterer = new GaussianMixtureClusterer(new GaussianMixtureOptions { K = 2, Covariance = covariance, RegCovar = 0 });

        ArgumentException error = Assert.Throws<ArgumentException>(() => clusterer.Fit(RandomData.Matrix(rows)));

        Assert.Contains("covariance of Gaussian component 0 is not positive definite", error.Message);
        Assert.Contains("raise RegCovar", error.Message);
        Assert.Contains("scale the features", error.Message);
    }

    [Theory]
    [InlineData(nameof(GaussianMixtureOptions.K))]
    [InlineData(nameof(GaussianMixtureOptions.RegCovar))]
    [InlineData(nameof(GaussianMixtureOptions.Tolerance))]
    [InlineData(nameof(GaussianMixtureOptions.MaxIterations))]
    [InlineData(nameof(GaussianMixtureOptions.NInit))]
    [InlineData(nameof(GaussianMixtureOptions.MaxDegreeOfParallelism))]
    [InlineData(nameof(GaussianMixtureOptions.Covariance))]
    public void Invalid_options_are_refused_naming_the_option(string option)
    {
        Action set = option switch
        {
            nameof(GaussianMixtureOptions.K) => () => _ = new GaussianMixtureOptions { K = 0 },
            nameof(GaussianMixtureOptions.RegCovar) => () => _ = new GaussianMixtureOptions { RegCovar = -1e-6 },
            nameof(GaussianMixtureOptions.Tolerance) => () => _ = new GaussianMixtureOptions { Tolerance = double.NaN },
            nameof(GaussianMixtureOptions.MaxIterations) => () => _ = new GaussianMixtureOptions { MaxIterations = 0 },
            nameof(GaussianMixtureOptions.NInit) => () => _ = new GaussianMixtureOptions { NInit = 0 },
            nameof(GaussianMixtureOptions.MaxDegreeOfParallelism) => () => _ = new GaussianMixtureOptions { MaxDegreeOfParallelism = 0 },
            _ => () => _ = new GaussianMixtureOptions { Covariance = (GaussianCovariance)7 },
        };

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(set);

        Assert.Equal(option, error.ParamName);
        Assert.StartsWith(option + " must", error.Message);
    }

    [Fact]
    public void More_components_than_rows_and_a_null_matrix_are_refused()
    {
        var clusterer = new GaussianMixtureClusterer(new GaussianMixtureOptions { K = 4 });

        ArgumentOutOfRangeException tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => clusterer.Fit(Column(1, 2, 3)));
        Assert.Contains("K is 4 but the data has only 3 rows", tooMany.Message);
        Assert.Throws<ArgumentNullException>(() => clusterer.Fit(null!));
        Assert.Throws<ArgumentNullException>(() => new GaussianMixtureClusterer(null!));
    }

    [Fact]
    public void Predicting_rows_with_other_features_is_refused_naming_both()
    {
        GaussianMixtureModel model = FitModel(Column(0, 1, 2, 3), new GaussianMixtureOptions { K = 2 });
        FeatureMatrix other = FeatureMatrix.FromColumns([new double[] { 1, 2 }], ["y"]);

        ArgumentException error = Assert.Throws<ArgumentException>(() => model.PredictProbabilities(other));
        Assert.Contains("fitted on features (x) but the data has (y)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Covariance(2));
    }

    [Fact]
    public void Every_EM_iteration_is_reported_and_cancellation_stops_the_fit()
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(300, 2, 3, seed: 9, spread: 3));
        var options = new GaussianMixtureOptions { K = 3, Tolerance = 0, MaxIterations = 50 };
        using var cancellation = new CancellationTokenSource();
        var reports = new List<GaussianMixtureProgress>();
        var progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            if (p.Iteration == 3)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new GaussianMixtureClusterer(options).Fit(data, progress, cancellation.Token));

        Assert.Equal([1, 2, 3], reports.Select(r => r.Iteration));
        Assert.All(reports, r => Assert.Equal(1, r.Initialisation));
        Assert.ThrowsAny<OperationCanceledException>(() => new GaussianMixtureClusterer(options).Fit(data, cancellation.Token));
    }

    [Fact]
    public void The_factory_takes_K_seed_and_threads_from_the_request()
    {
        ClustererFactory factory = GaussianMixtureClusterer.Factory(new GaussianMixtureOptions { K = 7, Covariance = GaussianCovariance.Diagonal });
        var clusterer = (GaussianMixtureClusterer)factory(new ClusteringRequest(3, seed: 11, maxDegreeOfParallelism: 1));

        Assert.Equal(3, clusterer.Options.K);
        Assert.Equal(11, clusterer.Options.Seed);
        Assert.Equal(1, clusterer.Options.MaxDegreeOfParallelism);
        Assert.Equal(GaussianCovariance.Diagonal, clusterer.Options.Covariance);
    }

    /// <summary>An IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<GaussianMixtureProgress> report) : IProgress<GaussianMixtureProgress>
    {
        public void Report(GaussianMixtureProgress value) => report(value);
    }
}
