using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A fitted clustering: the model, one label per fitted row, the inertia and diagnostics. Any
/// <see cref="IClusterer"/> returns one, built with the public constructor from its own <see cref="IClusteringModel"/>;
/// <c>Predict(data)</c> equals <see cref="Labels"/> for the fitted rows.
/// </summary>
public sealed class ClusteringResult
{
    /// <summary>Builds the result of a fit from its model and labels; the constructor any clusterer uses.</summary>
    /// <param name="data">The rows that were fitted.</param>
    /// <param name="model">The fitted model; its features must be those of <paramref name="data"/>.</param>
    /// <param name="labels">The cluster (0 to K - 1) of each fitted row, one per row.</param>
    /// <param name="inertia">
    /// The fit's cost, lower is better (K-means: the sum of squared distances to the centroids). Null computes the
    /// sum over rows of the squared Euclidean distance to the row's centroid, in double.
    /// </param>
    /// <param name="iterations">The iterations the fit took (0 when the notion does not apply).</param>
    /// <param name="converged">Whether the fit stopped by its convergence rule rather than an iteration limit.</param>
    /// <param name="warnings">Anything the caller should know about the fit; null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/>, <paramref name="model"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The model's features differ from the data's, the model has no centroid of the right length per cluster, the
    /// label count differs from the rows, a label lies outside 0..K - 1, or the inertia is negative or not finite;
    /// the message names which.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is negative.</exception>
    public ClusteringResult(
        FeatureMatrix data,
        IClusteringModel model,
        IReadOnlyList<int> labels,
        double? inertia = null,
        int iterations = 0,
        bool converged = true,
        IEnumerable<string>? warnings = null)
        : this(Checked(data, model, labels, inertia, iterations), iterations, converged, warnings is null ? [] : [.. warnings])
    {
    }

    private ClusteringResult(Fit fit, int iterations, bool converged, ImmutableArray<string> warnings)
    {
        Model = fit.Model;
        Labels = ImmutableCollectionsMarshal.AsImmutableArray(fit.Labels);
        ClusterSizes = ImmutableCollectionsMarshal.AsImmutableArray(fit.Sizes);
        Inertia = fit.Inertia;
        Iterations = iterations;
        Converged = converged;
        Warnings = warnings;
    }

    /// <summary>
    /// A result that owns <paramref name="labels"/> (no copy and no check: a 10M-row fit keeps one label array), for
    /// the library's own fits, whose labels lie in 0..K - 1, one per row of the model's data.
    /// </summary>
    internal static ClusteringResult Owning(IClusteringModel model, int[] labels, int[] sizes, double inertia, int iterations, bool converged, IEnumerable<string> warnings)
        => new(new Fit(model, labels, sizes, inertia), iterations, converged, [.. warnings]);

    /// <summary>The fitted model: it predicts new rows and keeps the centroids.</summary>
    public IClusteringModel Model { get; }

    /// <summary>The number of clusters.</summary>
    public int K => Model.K;

    /// <summary>The names of the features the clustering was fitted on, in order.</summary>
    public ImmutableArray<string> FeatureNames => Model.FeatureNames;

    /// <summary>The K centroids, each with one coordinate per feature, in the fitted data's units.</summary>
    public ImmutableArray<ImmutableArray<double>> Centroids => Model.Centroids;

    /// <summary>The cluster (0 to K - 1) of each fitted row; equals <c>Predict(data)</c> for the fitted rows.</summary>
    public ImmutableArray<int> Labels { get; }

    /// <summary>The number of rows in each cluster.</summary>
    public ImmutableArray<int> ClusterSizes { get; }

    /// <summary>
    /// The fit's cost, lower is better. For the K-means family: the sum over rows of the (weighted) squared Euclidean
    /// distance to the row's centroid, computed directly in double.
    /// </summary>
    public double Inertia { get; }

    /// <summary>The iterations of the winning run (for mini-batch K-means: passes over the data).</summary>
    public int Iterations { get; }

    /// <summary>True when the fit stopped by its convergence rule, false when it hit the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>Anything the caller should know about the fit, e.g. fewer distinct clusters than K; empty when all went well.</summary>
    public ImmutableArray<string> Warnings { get; }

    /// <summary>The cluster of every row of <paramref name="data"/>, as the model assigns it.</summary>
    /// <param name="data">Rows with the fitted features, in order.</param>
    /// <returns>One label (0 to K - 1) per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's features differ from those of the fit (the message lists both).</exception>
    public int[] Predict(FeatureMatrix data) => Model.Predict(data);

    /// <summary>The Euclidean (not squared) distance, in the data's units, from every row of <paramref name="data"/> to every centroid.</summary>
    /// <param name="data">Rows with the fitted features, in order.</param>
    /// <returns>A rows x K array of distances.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's features differ from those of the fit.</exception>
    public double[,] Transform(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFeatures(data, FeatureNames, nameof(data));
        var distances = new double[data.RowCount, K];
        for (int k = 0; k < K; k++)
        {
            ImmutableArray<double> centroid = Centroids[k];
            for (int j = 0; j < data.FeatureCount; j++)
            {
                ReadOnlySpan<float> column = data.Column(j);
                for (int i = 0; i < column.Length; i++)
                {
                    double delta = column[i] - centroid[j];
                    distances[i, k] += delta * delta;
                }
            }

            for (int i = 0; i < data.RowCount; i++)
            {
                distances[i, k] = Math.Sqrt(distances[i, k]);
            }
        }

        return distances;
    }

    /// <summary>
    /// The squared Euclidean distance, in double, from every row to the centroid of its label, summed feature by
    /// feature in feature order (one pass over each column).
    /// </summary>
    internal static double[] SquaredDistancesToOwnCentroid(FeatureMatrix data, ImmutableArray<ImmutableArray<double>> centroids, ReadOnlySpan<int> labels)
    {
        var distances = new double[data.RowCount];
        for (int j = 0; j < data.FeatureCount; j++)
        {
            ReadOnlySpan<float> column = data.Column(j);
            for (int i = 0; i < distances.Length; i++)
            {
                double delta = column[i] - centroids[labels[i]][j];
                distances[i] += delta * delta;
            }
        }

        return distances;
    }

    /// <summary>Validates a fit given by any clusterer and copies its labels, counting the rows of each cluster.</summary>
    private static Fit Checked(FeatureMatrix data, IClusteringModel model, IReadOnlyList<int> labels, double? inertia, int iterations)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        CheckModel(data, model);
        int k = model.K;
        if (labels.Count != data.RowCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"There are {labels.Count} labels for {data.RowCount} rows; give one label per fitted row."),
                nameof(labels));
        }

        var copy = new int[labels.Count];
        var sizes = new int[k];
        for (int i = 0; i < copy.Length; i++)
        {
            int label = labels[i];
            if (label < 0 || label >= k)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Row {i} has label {label}, outside 0..{k - 1} for K = {k}."), nameof(labels));
            }

            copy[i] = label;
            sizes[label]++;
        }

        double cost = inertia ?? SumOfSquares(data, model.Centroids, copy);
        if (!double.IsFinite(cost) || cost < 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The inertia is {cost}; it must be finite and non-negative."), nameof(inertia));
        }

        return new Fit(model, copy, sizes, cost);
    }

    /// <summary>Rejects data whose feature names differ from <paramref name="names"/> (case-insensitive, in order).</summary>
    /// <exception cref="ArgumentException">The names differ; the message lists both.</exception>
    internal static void RequireFeatures(FeatureMatrix data, ImmutableArray<string> names, string parameter)
    {
        bool same = data.FeatureCount == names.Length
            && data.FeatureNames.Zip(names).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        if (!same)
        {
            throw new ArgumentException(
                $"The clustering was fitted on features ({string.Join(", ", names)}) but the data has ({string.Join(", ", data.FeatureNames)}).",
                parameter);
        }
    }

    private static void CheckModel(FeatureMatrix data, IClusteringModel model)
    {
        RequireFeatures(data, model.FeatureNames, nameof(model));
        ImmutableArray<ImmutableArray<double>> centroids = model.Centroids;
        if (model.K < 1 || centroids.IsDefault || centroids.Length != model.K
            || centroids.Any(c => c.IsDefault || c.Length != data.FeatureCount || c.Any(v => !double.IsFinite(v))))
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The model must have K >= 1 and K finite centroids of {data.FeatureCount} values each; it has K = {model.K} and {(centroids.IsDefault ? 0 : centroids.Length)} centroids."),
                nameof(model));
        }
    }

    private static double SumOfSquares(FeatureMatrix data, ImmutableArray<ImmutableArray<double>> centroids, int[] labels)
    {
        double sum = 0;
        foreach (double distance in SquaredDistancesToOwnCentroid(data, centroids, labels))
        {
            sum += distance;
        }

        return sum;
    }

    /// <summary>The checked parts of a fit: the model, one label per row, the rows per cluster and the cost.</summary>
    private readonly record struct Fit(IClusteringModel Model, int[] Labels, int[] Sizes, double Inertia);
}
