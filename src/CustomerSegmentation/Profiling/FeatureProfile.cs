namespace CustomerSegmentation.Profiling;

/// <summary>
/// One feature of one segment, in the customers' own units. Quartiles and the median use the linear method of
/// numpy and pandas. Every standard deviation here is the population one (divided by n, ddof = 0, as
/// scikit-learn's StandardScaler), 0 for a one-customer segment, so with <see cref="Scaling.FeatureScaling.Standard"/>
/// scaling the <see cref="ZScore"/> is the mean of the segment's scaled values on this feature.
/// All values are NaN for an empty segment.
/// </summary>
/// <param name="Feature">The feature's name.</param>
/// <param name="Centre">The segment's centroid on this feature (K-means centre mapped back to original units).</param>
/// <param name="Mean">The mean over the segment's customers.</param>
/// <param name="Median">The median.</param>
/// <param name="StandardDeviation">The population standard deviation over the segment's customers (divided by the segment's size).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="LowerQuartile">The 25th percentile.</param>
/// <param name="UpperQuartile">The 75th percentile.</param>
/// <param name="Max">The largest value.</param>
/// <param name="ZScore">How far the segment's mean sits from the mean of all customers, in the population standard deviation of all customers: (mean - overall mean) / overall SD; 0 when the feature does not vary.</param>
public sealed record FeatureProfile(
    string Feature,
    double Centre,
    double Mean,
    double Median,
    double StandardDeviation,
    double Min,
    double LowerQuartile,
    double UpperQuartile,
    double Max,
    double ZScore);
