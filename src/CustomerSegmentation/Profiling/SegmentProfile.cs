using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// A description of one customer segment in the customers' own units: size, share, centre and spread per feature,
/// how far it sits from the population, the composition of categorical columns, and a readable label.
/// </summary>
/// <remarks>
/// Segments are numbered 1..K by size, largest first; equal sizes keep the order of the clustering's labels.
/// </remarks>
public sealed class SegmentProfile
{
    internal SegmentProfile(
        int id,
        int cluster,
        string label,
        int size,
        double share,
        ImmutableArray<FeatureProfile> features,
        IReadOnlyDictionary<string, ImmutableArray<CategoryShare>> categories)
    {
        Id = id;
        Cluster = cluster;
        Label = label;
        Size = size;
        Share = share;
        Features = features;
        Categories = categories;
    }

    /// <summary>The segment's number, 1..K, largest segment first.</summary>
    public int Id { get; }

    /// <summary>The index of the segment's cluster in the clustering (0..K-1); internal, users see segment numbers only.</summary>
    internal int Cluster { get; }

    /// <summary>A readable label from the segment's most distinctive features, e.g. "High income · Low spending"; unique within a result.</summary>
    public string Label { get; }

    /// <summary>The number of customers in the segment.</summary>
    public int Size { get; }

    /// <summary>The segment's share of all customers (0 to 1).</summary>
    public double Share { get; }

    /// <summary>One profile per feature, in the data's feature order.</summary>
    public ImmutableArray<FeatureProfile> Features { get; }

    /// <summary>For each categorical column asked for (e.g. "Genre"), its values in the segment, most frequent first.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<CategoryShare>> Categories { get; }

    /// <summary>The features ordered by how far the segment's mean sits from the population's (largest |z| first).</summary>
    public IEnumerable<FeatureProfile> MostDistinctive => Features.OrderByDescending(f => double.IsNaN(f.ZScore) ? -1 : Math.Abs(f.ZScore));

    /// <summary>The profile of the feature named <paramref name="feature"/> (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No feature has that name; the message lists the features.</exception>
    public FeatureProfile this[string feature]
        => Features.FirstOrDefault(f => string.Equals(f.Feature, feature?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"Segment {Id} has no feature '{feature}'. Its features are: {string.Join(", ", Features.Select(f => f.Feature))}.");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Segment {Id}: {Label} ({Size} customers, {Share * 100:0.0}%)");
}
