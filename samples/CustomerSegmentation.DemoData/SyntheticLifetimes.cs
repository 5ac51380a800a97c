using CustomerSegmentation.Loyalty;

using MathNet.Numerics.Distributions;

namespace CustomerSegmentation.DemoData;

/// <summary>
/// Purchase summaries simulated from BG/NBD (and Gamma-Gamma for the spend), seeded: each customer's rate lambda ~
/// Gamma(r, alpha) and dropout p ~ Beta(a, b); exponential gaps between purchases until the age T, dropping out with
/// probability p after each repeat purchase; each repeat purchase's spend ~ Gamma(p, nu) with nu ~ Gamma(q, v).
/// </summary>
public static class SyntheticLifetimes
{
    /// <summary>Simulates <paramref name="customers"/> customers with ages uniform in [<paramref name="maxAge"/>/2, <paramref name="maxAge"/>].</summary>
    /// <param name="purchases">The BG/NBD parameters.</param>
    /// <param name="spend">The Gamma-Gamma parameters.</param>
    /// <param name="customers">How many customers.</param>
    /// <param name="seed">The seed; the same seed gives the same summary.</param>
    /// <param name="maxAge">The longest age T, in weeks.</param>
    /// <param name="days">When true, times are whole days (in weeks, multiples of 1/7) as real data has, so many customers share (x, t_x, T).</param>
    /// <returns>The summary, in weeks.</returns>
    public static PurchaseSummary Simulate(BgNbdParameters purchases, GammaGammaParameters spend, int customers, int seed, double maxAge = 52d, bool days = false)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        var random = new Random(seed);
        var records = new CustomerPurchases[customers];
        for (int i = 0; i < customers; i++)
        {
            double age = maxAge * (0.5 + (0.5 * random.NextDouble()));
            if (days)
            {
                age = Math.Floor(age * 7d) / 7d;
            }

            double lambda = Gamma.Sample(random, purchases.R, purchases.Alpha);
            double dropout = Beta.Sample(random, purchases.A, purchases.B);
            double nu = Gamma.Sample(random, spend.Q, spend.V);
            int x = 0;
            double t = 0d, last = 0d, total = 0d;
            while (true)
            {
                t += Exponential.Sample(random, lambda);
                double at = days ? Math.Ceiling(t * 7d) / 7d : t;
                if (at > age)
                {
                    break;
                }

                x++;
                last = at;
                total += Gamma.Sample(random, spend.P, nu);
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }

            records[i] = new CustomerPurchases($"C{i + 1:D7}", x, x == 0 ? 0d : last, age, x == 0 ? 0d : total / x);
        }

        return PurchaseSummary.FromRecords(records, PeriodUnit.Weeks);
    }
}
