using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// Partitions the rows of a <see cref="FeatureMatrix"/> into clusters: the seam every clustering algorithm plugs into.
/// A segmentation pipeline or an elbow sweep gets one clusterer per K from a <see cref="ClustererFactory"/> and
/// profiles, exports, reports and saves whatever it returns.
/// </summary>
/// <remarks>
/// An implementation fits exactly the K it was made for, returns one label per row, and builds its result with
/// <see cref="ClusteringResult(FeatureMatrix, IClusteringModel, IReadOnlyList{int}, double?, int, bool, IEnumerable{string}?)"/>
/// from its own <see cref="IClusteringModel"/>. It should give the same result for the same seed, check
/// <c>cancellationToken</c> during long work, and may be called from several threads at once for different K.
/// </remarks>
/// <example>
/// <code>
/// public sealed class MyClusterer(int k, int seed) : IClusterer
/// {
///     public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
///     {
///         MyModel model = ...;                 // an IClusteringModel: K, feature names, centroids, Predict
///         return new ClusteringResult(data, model, model.Predict(data));
///     }
/// }
/// </code>
/// </example>
public interface IClusterer
{
    /// <summary>Fits the clusterer to <paramref name="data"/> and returns the fitted result, whose model can also predict new rows.</summary>
    /// <param name="data">The rows to cluster.</param>
    /// <param name="cancellationToken">Checked between iterations.</param>
    /// <returns>The model, labels, cost and diagnostics of the fit.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default);
}
