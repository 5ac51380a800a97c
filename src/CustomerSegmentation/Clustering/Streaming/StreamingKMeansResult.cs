using System.Collections.Immutable;

namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// The outcome of a streamed fit: the model (nearest centroid, as an in-memory K-means fit's, so it predicts, goes
/// into a segmentation model and saves), the cluster sizes and inertia of the final centres, and diagnostics. It
/// holds no labels: predict a chunk with <see cref="Model"/> to label it.
/// </summary>
public sealed class StreamingKMeansResult
{
    internal StreamingKMeansResult(IClusteringModel model, long[] sizes, double inertia, int iterations, bool converged, int passes, IEnumerable<string> warnings)
    {
        Model = model;
        ClusterSizes = [.. sizes];
        RowCount = sizes.Sum();
        Inertia = inertia;
        Iterations = iterations;
        Converged = converged;
        Passes = passes;
        Warnings = [.. warnings];
    }

    /// <summary>The fitted model.</summary>
    public IClusteringModel Model { get; }

    /// <summary>The number of clusters.</summary>
    public int K => Model.K;

    /// <summary>The centroids, one per cluster, in the data's units.</summary>
    public ImmutableArray<ImmutableArray<double>> Centroids => Model.Centroids;

    /// <summary>The rows nearest to each final centroid.</summary>
    public ImmutableArray<long> ClusterSizes { get; }

    /// <summary>The rows of the stream.</summary>
    public long RowCount { get; }

    /// <summary>The sum of squared distances from every row to its nearest final centroid.</summary>
    public double Inertia { get; }

    /// <summary>The Lloyd iterations (or mini-batch steps) taken.</summary>
    public int Iterations { get; }

    /// <summary>Whether the fit stopped by its tolerance rather than its iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>The passes over the stream, all stages included.</summary>
    public int Passes { get; }

    /// <summary>Anything the caller should know about the fit.</summary>
    public ImmutableArray<string> Warnings { get; }
}
