namespace CustomerSegmentation.Stability;

/// <summary>
/// How a mean Jaccard similarity over bootstrap resamples reads (Hennig 2007, R's <c>fpc::clusterboot</c>).
/// </summary>
/// <remarks>
/// Hennig reads a mean of 0.5 or less as a dissolved cluster, 0.6 to 0.75 as a pattern in the data whose membership
/// is doubtful, 0.75 or more as stable and 0.85 or more as highly stable. He leaves 0.5 to 0.6 unnamed; here it counts
/// as <see cref="Weak"/>: the cluster is found more often than not, but it should not be trusted as a segment.
/// </remarks>
public enum StabilityVerdict
{
    /// <summary>Mean Jaccard of 0.5 or less: the segment falls apart when the customers are resampled.</summary>
    Dissolved,

    /// <summary>Mean Jaccard above 0.5 and below 0.75: a pattern, but its membership is doubtful.</summary>
    Weak,

    /// <summary>Mean Jaccard of at least 0.75 and below 0.85: a stable segment.</summary>
    Stable,

    /// <summary>Mean Jaccard of at least 0.85: a highly stable segment.</summary>
    HighlyStable,
}

/// <summary>The thresholds of <see cref="StabilityVerdict"/>.</summary>
internal static class StabilityThresholds
{
    public const double Dissolved = 0.5;

    public const double Stable = 0.75;

    public const double HighlyStable = 0.85;

    /// <summary>The verdict on a mean Jaccard similarity.</summary>
    public static StabilityVerdict Of(double meanJaccard) => meanJaccard switch
    {
        <= Dissolved => StabilityVerdict.Dissolved,
        < Stable => StabilityVerdict.Weak,
        < HighlyStable => StabilityVerdict.Stable,
        _ => StabilityVerdict.HighlyStable,
    };
}
