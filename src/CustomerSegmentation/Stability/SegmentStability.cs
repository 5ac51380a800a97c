using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Stability;

/// <summary>How one segment fared over the bootstrap resamples.</summary>
/// <param name="Segment">
/// The segment's number: in <see cref="BootstrapStability"/>'s result the cluster index plus one (1..K in the
/// clusterer's order); in a segmentation pipeline's result the pipeline's segment number (1..K, largest first).
/// </param>
/// <param name="Size">The segment's customers in the original segmentation.</param>
/// <param name="MeanJaccard">The mean over the resamples of the best Jaccard similarity to a resampled cluster (0 to 1).</param>
/// <param name="Dissolved">The resamples in which the best Jaccard similarity was 0.5 or less.</param>
/// <param name="Recovered">The resamples in which the best Jaccard similarity was at least 0.75.</param>
/// <param name="Jaccards">The best Jaccard similarity in each resample, in resample order.</param>
public sealed record SegmentStability(int Segment, int Size, double MeanJaccard, int Dissolved, int Recovered, ImmutableArray<double> Jaccards)
{
    /// <summary>How <see cref="MeanJaccard"/> reads.</summary>
    public StabilityVerdict Verdict => StabilityThresholds.Of(MeanJaccard);

    /// <summary>The segment in a line, e.g. "Segment 2: mean Jaccard 0.912 (HighlyStable), dissolved in 0 of 20 resamples".</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"Segment {Segment}: mean Jaccard {MeanJaccard:0.###} ({Verdict}), dissolved in {Dissolved} of {Jaccards.Length} resamples");
}
