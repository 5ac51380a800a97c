using System.Collections.Immutable;

namespace CustomerSegmentation.Pipeline;

/// <summary>A segment as a saved model knows it: its number, label and centre in original units.</summary>
public sealed class SegmentDefinition
{
    internal SegmentDefinition(int id, string label, ImmutableArray<double> centre)
    {
        Id = id;
        Label = label;
        Centre = centre;
    }

    /// <summary>The segment's number, 1..K.</summary>
    public int Id { get; }

    /// <summary>The segment's readable label.</summary>
    public string Label { get; }

    /// <summary>The segment's centre in original units, one value per feature of <see cref="SegmentationModel.FeatureNames"/>.</summary>
    public ImmutableArray<double> Centre { get; }

    /// <inheritdoc />
    public override string ToString() => $"Segment {Id}: {Label}";
}
