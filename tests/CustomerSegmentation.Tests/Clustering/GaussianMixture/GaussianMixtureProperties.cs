using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Clustering.GaussianMixture;

/// <summary>A mixture problem: rows of non-integer values, K, a covariance shape and a seed; at least 12 rows per component.</summary>
public sealed record MixtureProblem(double[][] Rows, int K, GaussianCovariance Covariance, int Seed)
{
    public FeatureMatrix Matrix => RandomData.Matrix(Rows);

    public GaussianMixtureOptions Options(int threads = -1) => new()
    {
        K = K,
        Covariance = Covariance,
        Seed = Seed,
        MaxDegreeOfParallelism = threads,
    };

    public override string ToString() => $"{Rows.Length} rows x {Rows[0].Length}, K = {K}, {Covariance}, seed {Seed}";
}

public static class MixtureGenerators
{
    public static Arbitrary<MixtureProblem> Problems() => Arb.From(ProblemGen(12, 150));

    internal static Gen<MixtureProblem> ProblemGen(int minRowsPerComponent, int maxRows) =>
        from k in Gen.Choose(1, 4)
        from n in Gen.Choose(minRowsPerComponent * k, Math.Max(minRowsPerComponent * k, maxRows))
        from d in Gen.Choose(1, 4)
        from centres in Gen.Choose(-3000, 3000).ArrayOf(k * d)
        from values in Gen.Choose(-500, 500).ArrayOf(n * d)
        from covariance in Gen.Elements(GaussianCovariance.Full, GaussianCovariance.Diagonal)
        from seed in Gen.Choose(0, 10_000)
        select new MixtureProblem(
            Enumerable.Range(0, n).Select(i => Enumerable.Range(0, d).Select(j => (centres[((i % k) * d) + j] + values[(i * d) + j]) / 97.0).ToArray()).ToArray(),
            k,
            covariance,
            seed);
}

/// <summary>Laws of EM for Gaussian mixtures, on generated problems.</summary>
public sealed class GaussianMixtureProperties
{
    public static class LargeProblems
    {
        // More rows than one block (8,192), so every pass runs several blocks on the thread pool.
        public static Arbitrary<MixtureProblem> Problems() => Arb.From(MixtureGenerators.ProblemGen(5_000, 20_000));
    }

    [Property(Arbitrary = [typeof(MixtureGenerators)], MaxTest = 60)]
    public void Membership_probabilities_sum_to_one_per_row_and_the_label_is_the_most_probable(MixtureProblem problem)
    {
        FeatureMatrix data = problem.Matrix;
        ClusteringResult fit = new GaussianMixtureClusterer(problem.Options()).Fit(data);
        double[,] probabilities = ((GaussianMixtureModel)fit.Model).PredictProbabilities(data);

        for (int i = 0; i < data.RowCount; i++)
        {
            double sum = 0;
            double best = -1;
            for (int k = 0; k < problem.K; k++)
            {
                Assert.InRange(probabilities[i, k], 0.0, 1.0);
                sum += probabilities[i, k];
                best = Math.Max(best, probabilities[i, k]);
            }

            Assert.True(Math.Abs(sum - 1) <= 1e-9, $"row {i}: the probabilities sum to {sum:R}");
            Assert.Equal(best, probabilities[i, fit.Labels[i]]);
        }
    }

    /// <remarks>
    /// EM never lowers the likelihood; the regularisation (RegCovar added after the exact M-step) and rounding may,
    /// by far less than the 1e-7 nats per row allowed here.
    /// </remarks>
    [Property(Arbitrary = [typeof(MixtureGenerators)], MaxTest = 60)]
    public void The_lower_bound_never_decreases_from_one_EM_iteration_to_the_next(MixtureProblem problem)
    {
        var options = problem.Options() with { Tolerance = 0, MaxIterations = 25 };
        var model = (GaussianMixtureModel)new GaussianMixtureClusterer(options).Fit(problem.Matrix).Model;

        Assert.Equal(25, model.LowerBoundHistory.Length);
        for (int i = 1; i < model.LowerBoundHistory.Length; i++)
        {
            Assert.True(
                model.LowerBoundHistory[i] >= model.LowerBoundHistory[i - 1] - 1e-7,
                $"iteration {i + 1}: {model.LowerBoundHistory[i]:R} after {model.LowerBoundHistory[i - 1]:R}");
        }

        // The final E-step scores the parameters after the last M-step, which EM cannot have made worse either.
        Assert.True(model.MeanLogLikelihood >= model.LowerBoundHistory[^1] - 1e-7);
    }

    [Property(Arbitrary = [typeof(LargeProblems)], MaxTest = 4)]
    public void Results_are_bit_identical_for_1_2_and_all_threads(MixtureProblem problem)
    {
        FeatureMatrix data = problem.Matrix;
        ClusteringResult Fit(int threads) => new GaussianMixtureClusterer(problem.Options(threads) with { NInit = 2 }).Fit(data);

        ClusteringResult one = Fit(1);
        var oneModel = (GaussianMixtureModel)one.Model;
        foreach (int threads in new[] { 2, -1 })
        {
            ClusteringResult many = Fit(threads);
            var manyModel = (GaussianMixtureModel)many.Model;
            Assert.Equal(one.Labels.ToArray(), many.Labels.ToArray());
            Assert.Equal(oneModel.LogLikelihood, manyModel.LogLikelihood);
            Assert.Equal(oneModel.LowerBoundHistory.ToArray(), manyModel.LowerBoundHistory.ToArray());
            Assert.Equal(oneModel.Weights.ToArray(), manyModel.Weights.ToArray());
            for (int k = 0; k < problem.K; k++)
            {
                Assert.Equal(oneModel.Centroids[k].ToArray(), manyModel.Centroids[k].ToArray());
                Assert.Equal(oneModel.Covariance(k), manyModel.Covariance(k));
            }
        }
    }
}
