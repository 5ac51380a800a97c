using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A fitted clustering that gives every row a membership probability per cluster (soft clustering), such as
/// <see cref="GaussianMixtureModel"/>. Assignments and their exports report the probabilities when a model has them.
/// </summary>
public interface ISoftClusteringModel : IClusteringModel
{
    /// <summary>Every row's probability of belonging to each cluster.</summary>
    /// <param name="data">Rows with the model's features, in the model's order.</param>
    /// <returns>A rows x K array whose rows sum to 1; column k is cluster k.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data's features differ from <see cref="IClusteringModel.FeatureNames"/>.</exception>
    double[,] PredictProbabilities(FeatureMatrix data);
}
