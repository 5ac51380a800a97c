using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Stability;

/// <summary>
/// The bootstrap stability of a segmentation (Hennig 2007): per segment the mean Jaccard similarity to its best
/// match over the resamples, and for the whole segmentation the weakest segment's verdict and the size-weighted mean.
/// </summary>
public sealed class StabilityResult
{
    internal StabilityResult(int resamples, ImmutableArray<SegmentStability> segments)
    {
        Resamples = resamples;
        Segments = segments;
        double customers = segments.Sum(s => (double)s.Size);
        MeanJaccard = customers > 0 ? segments.Sum(s => s.Size * s.MeanJaccard) / customers : 0;
        Weakest = segments.OrderBy(s => s.MeanJaccard).ThenBy(s => s.Segment).First();
    }

    /// <summary>The number of bootstrap resamples B.</summary>
    public int Resamples { get; }

    /// <summary>The number of segments.</summary>
    public int K => Segments.Length;

    /// <summary>One entry per segment, in segment order.</summary>
    public ImmutableArray<SegmentStability> Segments { get; }

    /// <summary>The mean Jaccard similarity of the segments weighted by their sizes (the chance that a customer's segment survives resampling).</summary>
    public double MeanJaccard { get; }

    /// <summary>The segment with the lowest mean Jaccard similarity (the smaller number on a tie).</summary>
    public SegmentStability Weakest { get; }

    /// <summary>The verdict on the whole segmentation: the weakest segment's, since a segmentation is as real as its least real segment.</summary>
    public StabilityVerdict Verdict => Weakest.Verdict;

    /// <summary>The assessment in a sentence, naming the weakest segment.</summary>
    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"{Verdict} over {Resamples} bootstrap resamples: the weakest segment, {Weakest.Segment}, has mean Jaccard {Weakest.MeanJaccard:0.###}; size-weighted mean {MeanJaccard:0.###}.");

    /// <summary>The same assessment with the segments renumbered by <paramref name="numberOf"/> and listed in the new order.</summary>
    /// <param name="numberOf">The new number of the segment numbered n here, at index n - 1.</param>
    internal StabilityResult Renumbered(IReadOnlyList<int> numberOf)
        => new(Resamples, [.. Segments.Select(s => s with { Segment = numberOf[s.Segment - 1] }).OrderBy(s => s.Segment)]);
}
