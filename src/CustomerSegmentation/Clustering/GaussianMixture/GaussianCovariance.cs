namespace CustomerSegmentation.Clustering;

/// <summary>The shape of each component's covariance in a <see cref="GaussianMixtureClusterer"/> (scikit-learn's <c>covariance_type</c>).</summary>
public enum GaussianCovariance
{
    /// <summary>Each component has its own full covariance matrix (scikit-learn's "full"): d(d+1)/2 free terms per component.</summary>
    Full,

    /// <summary>Each component has its own diagonal covariance, features independent within a component (scikit-learn's "diag"): d free terms per component.</summary>
    Diagonal,
}
