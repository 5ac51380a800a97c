using System.Collections.Immutable;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Selection;
using CustomerSegmentation.Stability;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// Everything a segmentation run produced: the customers, the scaling, the chosen K and why, the elbow curve with
/// every score (and the gap statistic when asked for), the clustering, the segment profiles, each customer's segment,
/// the segments as rules, their bootstrap stability when asked for, and a model for new customers.
/// </summary>
public sealed class SegmentationResult
{
    internal SegmentationResult(
        CustomerTable customers,
        FeatureScaler scaler,
        ElbowResult? elbow,
        string kReason,
        ClusteringResult clustering,
        ImmutableArray<SegmentProfile> profiles,
        SegmentAssignments assignments,
        SegmentationModel model,
        SegmentRules? rules,
        StabilityResult? stability)
    {
        Customers = customers;
        Scaler = scaler;
        Elbow = elbow;
        KReason = kReason;
        Clustering = clustering;
        Profiles = profiles;
        Assignments = assignments;
        Model = model;
        Rules = rules;
        Stability = stability;
    }

    /// <summary>The customers segmented, features in original units, with their ids and any extra columns kept.</summary>
    public CustomerTable Customers { get; }

    /// <summary>The scaling applied before clustering.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The number of segments.</summary>
    public int K => Clustering.K;

    /// <summary>Why this K: the elbow, the fallback when no knee was found, or a fixed K.</summary>
    public string KReason { get; }

    /// <summary>The elbow sweep with every score per K; null when K was fixed.</summary>
    public ElbowResult? Elbow { get; }

    /// <summary>
    /// How stable the segments are under bootstrap resampling, with the segments numbered as in <see cref="Profiles"/>;
    /// null unless the pipeline asked for it with <see cref="SegmentationPipeline.WithStability"/>.
    /// </summary>
    public StabilityResult? Stability { get; }

    /// <summary>The clustering cost of the segments (K-means: the sum of squared distances to the centres, in scaled units).</summary>
    public double Inertia => Clustering.Inertia;

    /// <summary>The clustering of the scaled features (0-based clusters; users see segment numbers).</summary>
    internal ClusteringResult Clustering { get; }

    /// <summary>One profile per segment, in segment order (1..K, largest first).</summary>
    public ImmutableArray<SegmentProfile> Profiles { get; }

    /// <summary>Each customer's segment, in the customers' order.</summary>
    public SegmentAssignments Assignments { get; }

    /// <summary>The model that places new customers into these segments; save it with <see cref="SegmentationModel.Save(string)"/>.</summary>
    public SegmentationModel Model { get; }

    /// <summary>
    /// The segments explained as readable rules in the customers' own units, one per segment, with their fidelity
    /// (depth 3 unless <see cref="SegmentationPipeline.WithRules"/> says otherwise); null after
    /// <see cref="SegmentationPipeline.WithoutRules"/>.
    /// </summary>
    public SegmentRules? Rules { get; }

    /// <summary>The profile of segment <paramref name="id"/> (1..K).</summary>
    /// <param name="id">The segment number, 1..K.</param>
    /// <returns>The segment's profile.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No segment has that number.</exception>
    public SegmentProfile Segment(int id)
        => id >= 1 && id <= Profiles.Length ? Profiles[id - 1]
            : throw new ArgumentOutOfRangeException(nameof(id), id, $"Segments are numbered 1..{Profiles.Length}.");
}
