using System.Collections.Immutable;

namespace CustomerSegmentation.Plotly.Loyalty;

/// <summary>
/// A histogram of a figure over customers: bin edges (equal widths, or equal ratios on a log scale) and the count in
/// each bin. Immutable. The log scale is chosen for skewed figures (<see cref="IsSkewed"/>); then values below the
/// lowest edge (zero or negative, or a tiny fraction of the largest) are counted in the first bin, as <see cref="BelowRange"/> says.
/// </summary>
internal sealed class Distribution
{
    /// <summary>A figure is skewed, and is drawn on a log scale, when its largest value exceeds its median this many times.</summary>
    public const double SkewRatio = 20d;

    /// <summary>On a log scale the lowest edge is at least the largest value divided by this (six decades at most).</summary>
    private const double MaxDecades = 1e6;

    private Distribution(ImmutableArray<double> edges, ImmutableArray<int> counts, bool isLog, int belowRange)
    {
        Edges = edges;
        Counts = counts;
        IsLog = isLog;
        BelowRange = belowRange;
    }

    /// <summary>The bin edges, ascending; one more than <see cref="Counts"/>. Bins include their lower edge; the last includes both.</summary>
    public ImmutableArray<double> Edges { get; }

    /// <summary>The number of values in each bin.</summary>
    public ImmutableArray<int> Counts { get; }

    /// <summary>Whether the edges are equal ratios (a log scale) rather than equal widths.</summary>
    public bool IsLog { get; }

    /// <summary>On a log scale, how many values lay below the lowest edge and were counted in the first bin.</summary>
    public int BelowRange { get; }

    /// <summary>
    /// True when <paramref name="values"/> are skewed to the right: the largest is positive and more than
    /// <see cref="SkewRatio"/> times the median (a median of zero or below counts as skewed when the largest is positive).
    /// </summary>
    public static bool IsSkewed(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return false;
        }

        double max = values.Max();
        double median = MathNet.Numerics.Statistics.Statistics.Median(values);
        return max > 0 && (median <= 0 || max / median > SkewRatio);
    }

    /// <summary>
    /// The histogram of <paramref name="values"/> in <paramref name="bins"/> bins: on a log scale when they are skewed,
    /// else with equal widths from the smallest to the largest value.
    /// </summary>
    public static Distribution Of(IReadOnlyList<double> values, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (values.Count == 0)
        {
            return Linear(values, 0, 1, bins);
        }

        if (!IsSkewed(values))
        {
            return Linear(values, values.Min(), values.Max(), bins);
        }

        double max = values.Max();
        double low = Math.Max(values.Where(v => v > 0).Min(), max / MaxDecades);
        if (low >= max)
        {
            return Linear(values, values.Min(), max, bins);
        }

        double logLow = Math.Log10(low);
        double step = (Math.Log10(max) - logLow) / bins;
        ImmutableArray<double> edges = [.. Enumerable.Range(0, bins + 1).Select(i => i == bins ? max : Math.Pow(10, logLow + (i * step)))];
        var counts = new int[bins];
        int below = 0;
        foreach (double v in values)
        {
            if (v < low)
            {
                below++;
                counts[0]++;
            }
            else
            {
                counts[Math.Clamp((int)Math.Floor((Math.Log10(v) - logLow) / step), 0, bins - 1)]++;
            }
        }

        return new Distribution(edges, [.. counts], isLog: true, below);
    }

    /// <summary>The histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins from <paramref name="min"/> to <paramref name="max"/> (values outside are clamped into the end bins).</summary>
    public static Distribution Linear(IReadOnlyList<double> values, double min, double max, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(max > min))
        {
            (min, max) = (min - 0.5, min + 0.5);
        }

        double width = (max - min) / bins;
        ImmutableArray<double> edges = [.. Enumerable.Range(0, bins + 1).Select(i => i == bins ? max : min + (i * width))];
        var counts = new int[bins];
        foreach (double v in values)
        {
            counts[Math.Clamp((int)Math.Floor((v - min) / width), 0, bins - 1)]++;
        }

        return new Distribution(edges, [.. counts], isLog: false, 0);
    }
}
