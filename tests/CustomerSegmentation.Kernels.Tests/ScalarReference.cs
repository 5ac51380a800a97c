namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The kernels' arithmetic straight from the definitions: plain double loops, one row at a time, no vectors.</summary>
internal static class ScalarReference
{
    public static double SquaredDistance(double[] a, double[] b)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++)
        {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }

        return sum;
    }

    /// <summary>The squared distance from <paramref name="row"/> to its nearest centre.</summary>
    public static double Nearest(double[] row, double[][] centres)
        => centres.Min(c => SquaredDistance(row, c));

    /// <summary>sum_i w_i |x_i - c_label(i)|^2.</summary>
    public static double Inertia(double[][] rows, double[] weights, double[][] centres, int[] labels)
    {
        double total = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            total += weights[i] * SquaredDistance(rows[i], centres[labels[i]]);
        }

        return total;
    }

    /// <summary>Per-cluster weighted coordinate sums and weights for the given labels.</summary>
    public static (double[][] Sums, double[] Weights) Accumulate(double[][] rows, double[] weights, int[] labels, int clusters, int d)
    {
        var sums = Enumerable.Range(0, clusters).Select(_ => new double[d]).ToArray();
        var w = new double[clusters];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < d; j++)
            {
                sums[labels[i]][j] += weights[i] * rows[i][j];
            }

            w[labels[i]] += weights[i];
        }

        return (sums, w);
    }

    /// <summary>The mean silhouette over all pairs (a row alone in its cluster scores 0).</summary>
    public static double Silhouette(double[][] rows, int[] labels, int clusters)
    {
        int n = rows.Length;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var sums = new double[clusters];
            var counts = new int[clusters];
            for (int j = 0; j < n; j++)
            {
                sums[labels[j]] += Math.Sqrt(SquaredDistance(rows[i], rows[j]));
                counts[labels[j]]++;
            }

            int own = labels[i];
            if (counts[own] == 1)
            {
                continue;
            }

            double a = sums[own] / (counts[own] - 1);
            double b = Enumerable.Range(0, clusters).Where(c => c != own).Min(c => sums[c] / counts[c]);
            double scale = Math.Max(a, b);
            total += scale == 0 ? 0 : (b - a) / scale;
        }

        return total / n;
    }
}
