namespace CustomerSegmentation.Pipeline;

/// <summary>Which segment one customer belongs to.</summary>
/// <param name="CustomerId">The customer's id (the id column, or the 1-based data row number).</param>
/// <param name="Segment">The segment's number (see <see cref="Profiling.SegmentProfile.Id"/>).</param>
/// <param name="Label">The segment's label.</param>
/// <param name="DistanceToCentre">The Euclidean distance to the segment's centre in the clustering's (scaled) space.</param>
/// <param name="Probabilities">
/// The customer's membership probability for every segment, in segment order (item s - 1 is segment s), summing to 1,
/// when the clustering model gives them (an <see cref="Clustering.ISoftClusteringModel"/>, e.g. a Gaussian mixture);
/// null otherwise.
/// </param>
public sealed record SegmentAssignment(string CustomerId, int Segment, string Label, double DistanceToCentre, IReadOnlyList<double>? Probabilities = null);
