using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Selection;

/// <summary>
/// A lightweight coreset of a feature matrix (Bachem, Lucic &amp; Krause 2018): distinct rows with weights whose weighted
/// K-means cost approximates the full data's for every K. Draws are seeded and made in one pass over the cumulative
/// probabilities, so the same data and seed give the same coreset.
/// </summary>
internal sealed class LightweightCoreset
{
    private LightweightCoreset(FeatureMatrix rows, double[] weights)
    {
        Rows = rows;
        Weights = weights;
    }

    /// <summary>The drawn rows, each once, in the data's order.</summary>
    public FeatureMatrix Rows { get; }

    /// <summary>Each drawn row's weight: the number of times it was drawn over (draws x its probability).</summary>
    public double[] Weights { get; }

    /// <summary>Draws <paramref name="size"/> rows of <paramref name="data"/> with q(x) = 1/(2N) + d(x, mean)^2 / (2 sum d^2).</summary>
    public static LightweightCoreset Draw(FeatureMatrix data, int size, int seed, CancellationToken cancellationToken)
    {
        int n = data.RowCount;
        int features = data.FeatureCount;
        var mean = new double[features];
        for (int j = 0; j < features; j++)
        {
            double total = 0;
            foreach (float value in data.Column(j))
            {
                total += value;
            }

            mean[j] = total / n;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var squared = new double[n];
        for (int j = 0; j < features; j++)
        {
            ReadOnlySpan<float> column = data.Column(j);
            double centre = mean[j];
            for (int i = 0; i < n; i++)
            {
                double delta = column[i] - centre;
                squared[i] += delta * delta;
            }
        }

        double spread = 0;
        foreach (double value in squared)
        {
            spread += value;
        }

        // Every row identical: the distance term vanishes and q is uniform.
        double uniform = spread > 0 ? 0.5 / n : 1.0 / n;
        double byDistance = spread > 0 ? 0.5 / spread : 0;

        var draws = new double[size];
        var random = new Xoshiro256StarStar(seed);
        for (int s = 0; s < size; s++)
        {
            draws[s] = random.NextDouble();
        }

        Array.Sort(draws);
        cancellationToken.ThrowIfCancellationRequested();
        var rows = new List<int>();
        var weights = new List<double>();
        double cumulative = 0;
        int next = 0;
        for (int i = 0; i < n && next < size; i++)
        {
            double q = uniform + (byDistance * squared[i]);
            cumulative += q;
            int drawn = 0;
            while (next < size && (draws[next] < cumulative || i == n - 1))
            {
                drawn++;
                next++;
            }

            if (drawn > 0)
            {
                rows.Add(i);
                weights.Add(drawn / (size * q));
            }
        }

        return new LightweightCoreset(data.SelectRows(rows.ToArray()), [.. weights]);
    }
}
