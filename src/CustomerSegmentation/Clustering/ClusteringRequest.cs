namespace CustomerSegmentation.Clustering;

/// <summary>
/// What a <see cref="ClustererFactory"/> is asked for: one clusterer for one K, with the seed and thread limit of
/// the caller (a pipeline or an elbow sweep owns these, so a clusterer never holds a second copy of them).
/// </summary>
public sealed class ClusteringRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="k">The number of clusters, at least 1.</param>
    /// <param name="seed">The seed of every random choice of the fit.</param>
    /// <param name="maxDegreeOfParallelism">The most threads the fit may use: -1 (one per processor) or at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1, or <paramref name="maxDegreeOfParallelism"/> is 0 or below -1.</exception>
    public ClusteringRequest(int k, int seed = 0, int maxDegreeOfParallelism = -1)
    {
        K = ClusteringChecks.AtLeast(k, 1, nameof(k));
        Seed = seed;
        MaxDegreeOfParallelism = ClusteringChecks.MaxDegreeOfParallelism(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));
    }

    /// <summary>The number of clusters.</summary>
    public int K { get; }

    /// <summary>The seed; the same seed must give the same clustering, bit for bit.</summary>
    public int Seed { get; }

    /// <summary>The most threads the fit may use; -1 means one per processor. Results must not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; }
}

/// <summary>
/// Makes the clusterer for one K. A segmentation pipeline or an elbow sweep calls it once per K it fits, so
/// any <see cref="IClusterer"/> can be swept, profiled, saved and reported.
/// </summary>
/// <param name="request">The K, seed and thread limit to build the clusterer with.</param>
/// <returns>A clusterer that fits <see cref="ClusteringRequest.K"/> clusters.</returns>
/// <example>
/// <code>
/// ClustererFactory kMeans = KMeansClusterer.Factory(new KMeansOptions { NInit = 10 });
/// ClustererFactory mine = request => new MyClusterer(request.K, request.Seed);
/// </code>
/// </example>
public delegate IClusterer ClustererFactory(ClusteringRequest request);
