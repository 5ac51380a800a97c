using CustomerSegmentation.Kernels.Tests;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>
/// A plain, obviously-correct K-means in double precision, row-major, one row at a time: the reference the SIMD
/// kernels are checked against. Follows scikit-learn's Lloyd loop (strict convergence, relative tolerance,
/// empty clusters moved to the farthest row, one final assignment).
/// </summary>
internal static class ScalarKMeans
{
    public static int Nearest(double[] row, double[][] centres, out double squaredDistance)
    {
        int best = 0;
        squaredDistance = double.PositiveInfinity;
        for (int k = 0; k < centres.Length; k++)
        {
            double d = ScalarReference.SquaredDistance(row, centres[k]);
            if (d < squaredDistance)
            {
                squaredDistance = d;
                best = k;
            }
        }

        return best;
    }

    public static (double[][] Centres, int[] Labels, double Inertia, int Iterations) Fit(
        double[][] rows, double[] weights, double[][] initial, int maxIterations, double tolerance)
    {
        int n = rows.Length;
        int d = rows[0].Length;
        int k = initial.Length;
        double meanVariance = Enumerable.Range(0, d).Average(j =>
        {
            double mean = rows.Average(r => r[j]);
            return rows.Average(r => (r[j] - mean) * (r[j] - mean));
        });
        double tol = tolerance * meanVariance;
        double[][] centres = initial.Select(c => (double[])c.Clone()).ToArray();
        int[] labels = Enumerable.Repeat(-1, n).ToArray();
        int iterations = 0;
        bool strict = false;
        for (int it = 0; it < maxIterations; it++)
        {
            int[] previous = (int[])labels.Clone();
            for (int i = 0; i < n; i++)
            {
                labels[i] = Nearest(rows[i], centres, out _);
            }

            (double[][] sums, double[] w) = ScalarReference.Accumulate(rows, weights, labels, k, d);
            var empty = Enumerable.Range(0, k).Where(c => w[c] == 0).ToList();
            if (empty.Count > 0)
            {
                var far = Enumerable.Range(0, n)
                    .Where(i => weights[i] > 0)
                    .Select(i => (Row: i, Distance: ScalarReference.SquaredDistance(rows[i], centres[labels[i]])))
                    .OrderByDescending(p => p.Distance).ThenBy(p => p.Row)
                    .Take(empty.Count).ToList();
                for (int e = 0; e < far.Count && far[e].Distance > 0; e++)
                {
                    int row = far[e].Row;
                    for (int j = 0; j < d; j++)
                    {
                        sums[labels[row]][j] -= weights[row] * rows[row][j];
                        sums[empty[e]][j] = weights[row] * rows[row][j];
                    }

                    w[labels[row]] -= weights[row];
                    w[empty[e]] = weights[row];
                }
            }

            double shift = 0;
            for (int c = 0; c < k; c++)
            {
                if (w[c] <= 0)
                {
                    continue;
                }

                for (int j = 0; j < d; j++)
                {
                    double updated = sums[c][j] / w[c];
                    shift += (updated - centres[c][j]) * (updated - centres[c][j]);
                    centres[c][j] = updated;
                }
            }

            iterations = it + 1;
            if (labels.SequenceEqual(previous))
            {
                strict = true;
                break;
            }

            if (shift <= tol)
            {
                break;
            }
        }

        if (!strict)
        {
            for (int i = 0; i < n; i++)
            {
                labels[i] = Nearest(rows[i], centres, out _);
            }
        }

        return (centres, labels, ScalarReference.Inertia(rows, weights, centres, labels), iterations);
    }
}
