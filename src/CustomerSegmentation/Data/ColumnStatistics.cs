using System.Numerics;

namespace CustomerSegmentation.Data;

/// <summary>
/// The summary of one column of values that scaling and profiling share: the count, mean, variance, minimum and
/// maximum. The one statistics routine of the library; every mean and standard deviation is computed here.
/// </summary>
/// <remarks>
/// <para>
/// Convention: the variance is the POPULATION variance, sum((x - mean)^2) / n (ddof = 0, as scikit-learn's
/// StandardScaler and numpy's default), never the sample one (n - 1). So a column standardised with this mean and
/// standard deviation has mean 0 and standard deviation 1 by the same measure, and a subset's z-score equals the
/// mean of its standardised values.
/// </para>
/// <para>
/// Sums are accumulated in double precision in two passes (mean first, then squared deviations from it), four
/// independent accumulators per pass so the loop is not bound by the latency of one addition chain. An empty column
/// gives count 0 and NaN for everything else; a one-value column has variance 0.
/// </para>
/// </remarks>
/// <param name="Count">How many values.</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="Variance">The population variance (divided by <paramref name="Count"/>).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
internal readonly record struct ColumnStatistics(int Count, double Mean, double Variance, double Min, double Max)
{
    /// <summary>The population standard deviation, the square root of <see cref="Variance"/>.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Whether every value is the same (minimum equals maximum); false for an empty column.</summary>
    public bool IsConstant => Min == Max;

    /// <summary>The statistics of float32 values (each widened to double exactly).</summary>
    /// <param name="values">The finite values.</param>
    /// <returns>Their statistics.</returns>
    public static ColumnStatistics Of(ReadOnlySpan<float> values) => Compute(values);

    /// <summary>The statistics of double values.</summary>
    /// <param name="values">The finite values.</param>
    /// <returns>Their statistics.</returns>
    public static ColumnStatistics Of(ReadOnlySpan<double> values) => Compute(values);

    private static ColumnStatistics Compute<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumberBase<T>
    {
        int n = values.Length;
        if (n == 0)
        {
            return new ColumnStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        int whole = n & ~3;
        double a = 0, b = 0, c = 0, d = 0;
        double min = double.CreateTruncating(values[0]);
        double minA = min, minB = min, minC = min, minD = min;
        double maxA = min, maxB = min, maxC = min, maxD = min;
        for (int i = 0; i < whole; i += 4)
        {
            double va = double.CreateTruncating(values[i]);
            double vb = double.CreateTruncating(values[i + 1]);
            double vc = double.CreateTruncating(values[i + 2]);
            double vd = double.CreateTruncating(values[i + 3]);
            a += va;
            b += vb;
            c += vc;
            d += vd;
            minA = va < minA ? va : minA;
            minB = vb < minB ? vb : minB;
            minC = vc < minC ? vc : minC;
            minD = vd < minD ? vd : minD;
            maxA = va > maxA ? va : maxA;
            maxB = vb > maxB ? vb : maxB;
            maxC = vc > maxC ? vc : maxC;
            maxD = vd > maxD ? vd : maxD;
        }

        double sum = (a + b) + (c + d);
        min = Math.Min(Math.Min(minA, minB), Math.Min(minC, minD));
        double max = Math.Max(Math.Max(maxA, maxB), Math.Max(maxC, maxD));
        for (int i = whole; i < n; i++)
        {
            double v = double.CreateTruncating(values[i]);
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        double mean = sum / n;
        a = b = c = d = 0;
        for (int i = 0; i < whole; i += 4)
        {
            double da = double.CreateTruncating(values[i]) - mean;
            double db = double.CreateTruncating(values[i + 1]) - mean;
            double dc = double.CreateTruncating(values[i + 2]) - mean;
            double dd = double.CreateTruncating(values[i + 3]) - mean;
            a += da * da;
            b += db * db;
            c += dc * dc;
            d += dd * dd;
        }

        double squares = (a + b) + (c + d);
        for (int i = whole; i < n; i++)
        {
            double delta = double.CreateTruncating(values[i]) - mean;
            squares += delta * delta;
        }

        return new ColumnStatistics(n, mean, squares / n, min, max);
    }
}
