using System.Collections.Immutable;
using System.Globalization;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// K-prototypes (Huang 1997, 1998) for customers with numeric and categorical features: the cost of a customer for a
/// prototype is the squared Euclidean distance over the numeric features plus gamma times the number of categorical
/// features (<see cref="FeatureMatrix.Categoricals"/>) on which they differ from the prototype's mode. Prototypes move
/// to their members' numeric means and categorical modes. Runs on the SIMD kernels in parallel over fixed blocks of
/// rows, so a seed gives bit-identical results for any degree of parallelism.
/// </summary>
/// <example>
/// <code>
/// FeatureMatrix data = numeric.WithCategoricals([CategoricalColumn.FromValues("Genre", genres)]);
/// ClusteringResult fit = new KPrototypesClusterer(new KPrototypesOptions { K = 5, Seed = 42 }).Fit(data);
/// var model = (KPrototypesModel)fit.Model;   // model.Centroids (numeric), model.Modes (categorical)
/// </code>
/// </example>
public sealed class KPrototypesClusterer : IClusterer
{
    /// <summary>Creates a clusterer with the given options.</summary>
    /// <param name="options">The K-prototypes settings, used for every fit.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public KPrototypesClusterer(KPrototypesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options this clusterer runs with.</summary>
    public KPrototypesOptions Options { get; }

    /// <summary>
    /// A factory of K-prototypes clusterers with <paramref name="options"/>, whose K, seed and thread limit are replaced
    /// by each request's.
    /// </summary>
    /// <param name="options">Every other setting (restarts, initialisation, gamma, iterations); null for the defaults.</param>
    /// <returns>The factory.</returns>
    public static ClustererFactory Factory(KPrototypesOptions? options = null)
    {
        KPrototypesOptions settings = options ?? new KPrototypesOptions();
        return request => new KPrototypesClusterer(settings with
        {
            K = request.K,
            Seed = request.Seed,
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism,
        });
    }

    /// <summary>Huang's rule for gamma: half the mean population standard deviation of the numeric features (1 when all are constant).</summary>
    /// <param name="data">The data, numeric features as they will be clustered (scaled).</param>
    /// <returns>The gamma the fit uses when <see cref="KPrototypesOptions.Gamma"/> is null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static double HuangGamma(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double sum = 0;
        for (int j = 0; j < data.FeatureCount; j++)
        {
            sum += Math.Sqrt(ColumnMoments.Of(data, j).Variance);
        }

        double mean = sum / data.FeatureCount;
        return mean > 0 ? KPrototypesOptions.HuangGammaFraction * mean : 1.0;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="KPrototypesOptions.K"/> exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">A categorical feature holds a value that is not one of its levels, or the numeric data is too large for float32 distances.</exception>
    public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
    {
        int clusters = Options.K;
        ClusteringChecks.ClustersFitRows(data, clusters);
        double gamma = Options.Gamma ?? HuangGamma(data);
        var input = new PrototypeInput(new KMeansInput(data, ReadOnlySpan<double>.Empty, Options.MaxDegreeOfParallelism, VectorWidths.Best), data.Categoricals, gamma);
        for (int f = 0; f < input.CategoricalCount; f++)
        {
            if (input.UnknownRows[f] > 0)
            {
                throw new ArgumentException(
                    $"The categorical feature '{data.Categoricals[f].Name}' holds values outside its levels; fit on columns built with CategoricalColumn.FromValues.", nameof(data));
            }
        }
        var master = new Xoshiro256StarStar(Options.Seed);
        int restarts = Options.Init.IsRandom ? Options.NInit : 1;
        var seeds = new int[restarts];
        for (int r = 0; r < restarts; r++)
        {
            seeds[r] = master.Next();
        }

        PrototypeOutcome? best = null;
        double bestCost = double.PositiveInfinity;
        foreach (int seed in seeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int[] rows = Options.Init.ChooseRows(input, clusters, new Xoshiro256StarStar(seed), cancellationToken);
            PrototypeOutcome outcome = PrototypeRun.Execute(input, clusters, Options.MaxIterations, rows, cancellationToken);
            double cost = Cost(input, outcome);
            if (best is null || cost < bestCost)
            {
                best = outcome;
                bestCost = cost;
            }
        }

        var model = new KPrototypesModel(
            data.FeatureNames,
            data.CategoricalNames,
            [.. data.Categoricals.Select(c => c.Levels)],
            input.Numeric.Offset,
            best!.Centres,
            best.Modes,
            gamma,
            best.Costs,
            Options.MaxDegreeOfParallelism);
        int[] sizes = best.Sizes;

        int distinct = sizes.Count(s => s > 0);
        IEnumerable<string> warnings = distinct < clusters
            ? [string.Create(CultureInfo.InvariantCulture, $"Number of distinct clusters ({distinct}) found smaller than K ({clusters}): the data has fewer distinct customers than clusters, or duplicates.")]
            : [];
        return ClusteringResult.Owning(model, best.Labels, sizes, bestCost, best.Iterations, best.Converged, warnings);
    }

    /// <summary>
    /// The exact cost of an outcome in double: the squared numeric distances to the prototypes in data units (the K-means
    /// inertia pass) plus gamma per categorical mismatch (counted by the run's last assignment pass).
    /// </summary>
    private static double Cost(PrototypeInput input, PrototypeOutcome outcome)
    {
        int clusters = outcome.Centres.Length / input.FeatureCount;
        double numeric = Inertia.Compute(input.Numeric, LloydRun.DataUnits(input.Numeric.Offset, outcome.Centres), clusters, outcome.Labels);
        return numeric + ((double)input.Gamma * outcome.Mismatches);
    }
}
