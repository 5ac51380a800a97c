using System.Collections.Immutable;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A fitted clustering that can place new rows: what every <see cref="IClusterer"/> returns inside its
/// <see cref="ClusteringResult"/>, and what a segmentation model keeps to assign new customers.
/// </summary>
/// <remarks>
/// Rows are given in the space the model was fitted in (for a pipeline: the scaled features). An implementation must
/// be deterministic: <c>Predict</c> on the fitted rows returns the fit's labels.
/// </remarks>
public interface IClusteringModel
{
    /// <summary>The number of clusters; labels run from 0 to K - 1.</summary>
    int K { get; }

    /// <summary>The features the model was fitted on, in order; rows to predict must have exactly these.</summary>
    ImmutableArray<string> FeatureNames { get; }

    /// <summary>
    /// One representative point per cluster (the centroid, prototype or mean), one value per feature, in the fitted
    /// space. Profiles report it in original units, assignments measure each row's distance to it.
    /// </summary>
    ImmutableArray<ImmutableArray<double>> Centroids { get; }

    /// <summary>The cluster (0 to K - 1) of every row of <paramref name="data"/>.</summary>
    /// <param name="data">Rows with the model's features, in the model's order.</param>
    /// <returns>One label per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's features differ from <see cref="FeatureNames"/>.</exception>
    int[] Predict(FeatureMatrix data);
}
