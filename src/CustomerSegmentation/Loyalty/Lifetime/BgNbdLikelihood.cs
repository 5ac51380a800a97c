using System.Runtime.InteropServices;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The BG/NBD log-likelihood and its analytic gradient over a purchase summary, with customers of equal (x, t_x, T)
/// merged into one weighted row and the gamma-function differences of integer x taken from running sums:
/// ln G(r + x) - ln G(r) = sum over k &lt; x of ln(r + k), and the digamma differences likewise.
/// </summary>
internal sealed class BgNbdLikelihood : ILogLikelihood
{
    private readonly int[] _x;
    private readonly double[] _recency;
    private readonly double[] _age;
    private readonly double[] _weight;
    private readonly int _maxX;
    private readonly int _maxDegreeOfParallelism;

    public BgNbdLikelihood(PurchaseSummary summary, int maxDegreeOfParallelism)
    {
        var rows = new Dictionary<(int, double, double), int>();
        var x = new List<int>();
        var recency = new List<double>();
        var age = new List<double>();
        var weight = new List<double>();
        foreach (CustomerPurchases c in summary.Customers)
        {
            ref int row = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, (c.Frequency, c.Recency, c.Age), out bool known);
            if (!known)
            {
                row = x.Count;
                x.Add(c.Frequency);
                recency.Add(c.Recency);
                age.Add(c.Age);
                weight.Add(0d);
            }

            weight[row] += 1d;
            _maxX = Math.Max(_maxX, c.Frequency);
        }

        _x = [.. x];
        _recency = [.. recency];
        _age = [.. age];
        _weight = [.. weight];
        TotalWeight = summary.Customers.Length;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    public int ParameterCount => 4;

    public double TotalWeight { get; }

    /// <summary>The number of distinct (x, t_x, T) rows.</summary>
    public int Rows => _x.Length;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];
        int n = _maxX + 1;
        // Running sums over k < x of ln(r + k), 1/(r + k), and the same for b and a + b.
        var lnR = new double[n];
        var invR = new double[n];
        var lnB = new double[n];
        var invB = new double[n];
        var lnAb = new double[n];
        var invAb = new double[n];
        for (int k = 1; k < n; k++)
        {
            lnR[k] = lnR[k - 1] + Math.Log(r + k - 1);
            invR[k] = invR[k - 1] + (1d / (r + k - 1));
            lnB[k] = lnB[k - 1] + Math.Log(b + k - 1);
            invB[k] = invB[k - 1] + (1d / (b + k - 1));
            lnAb[k] = lnAb[k - 1] + Math.Log(a + b + k - 1);
            invAb[k] = invAb[k - 1] + (1d / (a + b + k - 1));
        }

        double lnAlpha = Math.Log(alpha);
        double lnA = Math.Log(a);
        int[] xs = _x;
        double[] recencies = _recency, ages = _age, weights = _weight;
        Span<double> total = stackalloc double[5];
        LikelihoodBlocks.Sum(xs.Length, total, _maxDegreeOfParallelism, (start, end, partial) =>
        {
            double ll = 0d, dr = 0d, dAlpha = 0d, da = 0d, db = 0d;
            for (int i = start; i < end; i++)
            {
                int x = xs[i];
                double w = weights[i];
                double rx = r + x;
                double lnAge = Math.Log(alpha + ages[i]);
                double head = lnR[x] + (r * lnAlpha) + lnB[x] - lnAb[x];
                double l3 = -rx * lnAge;
                double w3 = 1d, w4 = 0d, lnRec = 0d, tail = l3, dbTail = 0d;
                if (x > 0)
                {
                    lnRec = Math.Log(alpha + recencies[i]);
                    double bx1 = b + x - 1d;
                    double l4 = lnA - Math.Log(bx1) - (rx * lnRec);
                    double max = Math.Max(l3, l4);
                    double e3 = Math.Exp(l3 - max), e4 = Math.Exp(l4 - max);
                    double s = e3 + e4;
                    tail = max + Math.Log(s);
                    w3 = e3 / s;
                    w4 = e4 / s;
                    dbTail = w4 / bx1;
                }

                ll += w * (head + tail);
                dr += w * (invR[x] + lnAlpha - (w3 * lnAge) - (w4 * lnRec));
                dAlpha += w * ((r / alpha) - (rx * ((w3 / (alpha + ages[i])) + (x > 0 ? w4 / (alpha + recencies[i]) : 0d))));
                da += w * ((w4 / a) - invAb[x]);
                db += w * (invB[x] - invAb[x] - dbTail);
            }

            partial[0] += ll;
            partial[1] += dr;
            partial[2] += dAlpha;
            partial[3] += da;
            partial[4] += db;
        });

        total[1..].CopyTo(gradient);
        return total[0];
    }
}
