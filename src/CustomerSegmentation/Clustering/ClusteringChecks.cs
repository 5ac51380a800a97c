using System.Globalization;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The argument rules every K-means flavour shares, with one wording for each: option values (tolerance, degree of
/// parallelism) and the fit-time checks of K against the initial centroids and the rows.
/// </summary>
internal static class ClusteringChecks
{
    /// <summary>Returns <paramref name="value"/> if it is at least <paramref name="minimum"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below the minimum; the message names the option.</exception>
    public static int AtLeast(int value, int minimum, string option)
        => value >= minimum
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be at least {minimum}.");

    /// <summary>Returns <paramref name="value"/> if it is a finite, non-negative tolerance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public static double Tolerance(double value, string option)
        => double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be a finite, non-negative number.");

    /// <summary>Returns <paramref name="value"/> if it is -1 (one thread per processor) or at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public static int MaxDegreeOfParallelism(int value, string option)
        => value == -1 || value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be -1 (one thread per processor) or at least 1.");

    /// <summary>Rejects explicit initial centroids whose count differs from K.</summary>
    /// <exception cref="ArgumentException">The counts differ.</exception>
    public static void CentroidCount(KMeansInitialization init, int clusters, string parameter)
    {
        if (init is CentroidInitialization given && given.ClusterCount != clusters)
        {
            throw new ArgumentException(
                $"K is {clusters} but {given.ClusterCount} initial centroids were given; give one centroid per cluster.", parameter);
        }
    }

    /// <summary>Rejects a null matrix or one with fewer rows than clusters.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">K exceeds the number of rows.</exception>
    public static void ClustersFitRows(FeatureMatrix data, int clusters)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (clusters > data.RowCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(data), data.RowCount, $"K is {clusters} but the data has only {data.RowCount} rows; K must not exceed the number of rows.");
        }
    }

    /// <summary>
    /// The kernels compute squared distances in float32. A row's squared distance to any centre (a mean of rows)
    /// is at most the sum over features of the squared range (max - min), times the largest weight where the kernels
    /// weight it; this bound must stay well inside float32 (a quarter of its largest value, room for the sums of a
    /// few terms) or distances overflow to infinity and the partition is silently wrong. O(features): the ranges are
    /// the column moments the fit computes anyway.
    /// </summary>
    /// <exception cref="ArgumentException">The bound exceeds float32; the message names the widest features and the scalings that fix it.</exception>
    public static void DistancesFitFloat32(IReadOnlyList<string> featureNames, double[] ranges, double maxWeight)
    {
        const double Limit = float.MaxValue / 4.0;
        double bound = 0;
        for (int j = 0; j < ranges.Length; j++)
        {
            bound += ranges[j] * ranges[j];
        }

        bound *= maxWeight;
        if (bound <= Limit)
        {
            return;
        }

        // Name every feature whose own squared range uses a noticeable share of the float32 budget, widest first.
        double share = Limit / ranges.Length / 4;
        string[] wide = [.. Enumerable.Range(0, ranges.Length)
            .Where(j => ranges[j] * ranges[j] * maxWeight > share)
            .OrderByDescending(j => ranges[j])
            .Select(j => string.Create(CultureInfo.InvariantCulture, $"'{featureNames[j]}' (range {ranges[j]:G3})"))];
        throw new ArgumentException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The features are too large to cluster unscaled: squared distances reach about {bound:G3}, beyond the float32 range the distances are computed in, because of {string.Join(", ", wide)}{(maxWeight > 1 ? $" and the largest sample weight ({maxWeight:G3})" : string.Empty)}. Scale the features first: FeatureScaling.Standard or FeatureScaling.MinMax (in a pipeline Standardize() or ScaleMinMax()), or divide them by a unit such as 1e6."),
            "data");
    }
}
