namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and 0 &lt;= z &lt; 1, as the lifetime models
/// need it: its power series, after Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z)
/// whenever a + b &gt; c (then the plain series' terms grow like n^(a + b - c - 1) before z^n wins, and the sum can be huge).
/// </summary>
internal static class GaussHypergeometric
{
    /// <summary>The most terms summed; at z = 0.999 the series needs about 40,000 for full precision.</summary>
    private const int MaxTerms = 1_000_000;

    /// <summary>ln 2F1(a, b; c; z), for 0 &lt;= z &lt; 1, c &gt; 0 and a positive value of the function.</summary>
    /// <exception cref="ArgumentOutOfRangeException">z is outside [0, 1), c is not positive, or the function is not positive there.</exception>
    public static double Log(double a, double b, double c, double z)
    {
        if (!(z >= 0d && z < 1d))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is evaluated here only for 0 <= z < 1.");
        }

        if (!(c > 0d))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "2F1 is evaluated here only for c > 0.");
        }

        bool euler = a + b > c;
        double sum = euler ? Series(c - a, c - b, c, z) : Series(a, b, c, z);
        if (!(sum > 0d))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, $"2F1({a}, {b}; {c}; {z}) is not positive, so its logarithm is undefined.");
        }

        return euler ? ((c - a - b) * Math.Log(1d - z)) + Math.Log(sum) : Math.Log(sum);
    }

    /// <summary>2F1(a, b; c; z) for 0 &lt;= z &lt; 1 and c &gt; 0 (the value itself; it may overflow where <see cref="Log"/> does not).</summary>
    public static double Value(double a, double b, double c, double z)
    {
        bool euler = a + b > c;
        return euler ? Math.Pow(1d - z, c - a - b) * Series(c - a, c - b, c, z) : Series(a, b, c, z);
    }

    /// <summary>The power series sum over n of (a)_n (b)_n / ((c)_n n!) z^n, to full double precision.</summary>
    internal static double Series(double a, double b, double c, double z)
    {
        double term = 1d;
        double sum = 1d;
        for (int n = 0; n < MaxTerms; n++)
        {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            // Stop once the terms shrink (|ratio| < 1 from here on, as n only grows) and no longer change the sum.
            if (term == 0d || (Math.Abs(ratio) < 1d && Math.Abs(term) <= 1e-17 * Math.Abs(sum)))
            {
                return sum;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(z), z, $"The series of 2F1({a}, {b}; {c}; {z}) did not converge in {MaxTerms} terms.");
    }
}
