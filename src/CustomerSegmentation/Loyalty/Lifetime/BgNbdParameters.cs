using MathNet.Numerics;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The parameters of the BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while alive a
/// customer buys at Poisson rate lambda ~ Gamma(<see cref="R"/>, <see cref="Alpha"/>); after each repeat purchase the
/// customer drops out with probability p ~ Beta(<see cref="A"/>, <see cref="B"/>). Times are in the unit of the summary the
/// model was fitted on.
/// </summary>
public sealed record BgNbdParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">The shape of the purchase-rate gamma distribution.</param>
    /// <param name="alpha">The rate (inverse scale) of the purchase-rate gamma distribution, in periods.</param>
    /// <param name="a">The first shape of the dropout beta distribution.</param>
    /// <param name="b">The second shape of the dropout beta distribution.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not a positive finite number (named).</exception>
    public BgNbdParameters(double r, double alpha, double a, double b)
    {
        R = Positive(r, nameof(r));
        Alpha = Positive(alpha, nameof(alpha));
        A = Positive(a, nameof(a));
        B = Positive(b, nameof(b));
    }

    /// <summary>r: the shape of the purchase-rate gamma distribution.</summary>
    public double R { get; }

    /// <summary>alpha: the rate of the purchase-rate gamma distribution (the mean rate is r / alpha purchases per period).</summary>
    public double Alpha { get; }

    /// <summary>a: the first shape of the dropout beta distribution.</summary>
    public double A { get; }

    /// <summary>b: the second shape of the dropout beta distribution (the mean dropout probability is a / (a + b)).</summary>
    public double B { get; }

    /// <summary>
    /// P(alive | x, t_x, T) = 1 / (1 + [x &gt; 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)).
    /// </summary>
    /// <param name="customer">The customer's purchase record.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public double ProbabilityAlive(CustomerPurchases customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ProbabilityAlive(customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>
    /// The expected number of purchases in the next <paramref name="periods"/> periods of a customer with this history
    /// (the paper's eq. 10, with the Gauss hypergeometric function).
    /// </summary>
    /// <param name="periods">The length of the future window, at least 0, in the summary's unit.</param>
    /// <param name="customer">The customer's purchase record.</param>
    /// <returns>The expected number of purchases (0 for a window of length 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative or not finite.</exception>
    public double ExpectedPurchases(double periods, CustomerPurchases customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireWindow(periods);
        return ExpectedPurchases(periods, customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>
    /// E[X(t)]: the expected number of repeat purchases of a new customer in the first <paramref name="periods"/> periods
    /// after the first purchase (the paper's eq. 7); over a cohort that joined at once, the expected cumulative repeat
    /// purchases per customer.
    /// </summary>
    /// <param name="periods">The time since the first purchase, at least 0, in the summary's unit.</param>
    /// <returns>The expected number of repeat purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative or not finite.</exception>
    public double ExpectedPurchasesOfNewCustomer(double periods)
    {
        RequireWindow(periods);
        if (periods == 0d)
        {
            return 0d;
        }

        double a = NudgedA;
        double z = periods / (Alpha + periods);
        double ln = (R * Math.Log(Alpha / (Alpha + periods))) + GaussHypergeometric.Log(R, B, a + B - 1d, z);
        return (a + B - 1d) / (a - 1d) * -SpecialFunctions.Expm1(ln);
    }

    /// <summary>P(alive) for x, t_x, T (no checks).</summary>
    internal double ProbabilityAlive(int x, double recency, double age)
    {
        if (x == 0)
        {
            return 1d;
        }

        double d = Math.Log(A / (B + x - 1d)) + ((R + x) * (Math.Log(Alpha + age) - Math.Log(Alpha + recency)));
        return 1d / (1d + Math.Exp(d));
    }

    /// <summary>Eq. 10 for x, t_x, T (no checks).</summary>
    internal double ExpectedPurchases(double periods, int x, double recency, double age)
    {
        if (periods == 0d)
        {
            return 0d;
        }

        double a = NudgedA;
        double hypA = R + x;
        double hypB = B + x;
        double hypC = a + B + x - 1d;
        double z = periods / (Alpha + age + periods);
        double ln = GaussHypergeometric.Log(hypA, hypB, hypC, z) + ((R + x) * Math.Log((Alpha + age) / (Alpha + age + periods)));
        double conditional = hypC / (a - 1d) * -SpecialFunctions.Expm1(ln);
        return conditional * ProbabilityAlive(x, recency, age);
    }

    /// <summary>a, moved off 1 by 1e-9 where eq. 7 and eq. 10 have their removable 0/0.</summary>
    private double NudgedA => Math.Abs(A - 1d) < 1e-9 ? 1d + 1e-9 : A;

    private static void RequireWindow(double periods)
    {
        if (!double.IsFinite(periods) || periods < 0d)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods, "The prediction window must be a finite number of periods of at least 0.");
        }
    }

    private static double Positive(double value, string name)
        => double.IsFinite(value) && value > 0d
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"The BG/NBD parameter {name} must be a positive finite number.");
}
