using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>
/// Seeded test data for the kernels: blobs around random centres as padded float32 columns, and the same values as
/// double rows (exactly the floats, widened), so the scalar references see the numbers the kernels see.
/// </summary>
internal sealed class KernelData
{
    private KernelData(float[][] columns, float[]? weights, int rowCount)
    {
        Columns = columns;
        Weights = weights;
        RowCount = rowCount;
    }

    public float[][] Columns { get; }

    public float[]? Weights { get; }

    public int RowCount { get; }

    public int FeatureCount => Columns.Length;

    /// <summary>Rows around <paramref name="centres"/> random means; weights 0, 1, 2 in turn when <paramref name="weighted"/>.</summary>
    public static KernelData Blobs(int rows, int features, int centres, int seed, bool weighted = false)
    {
        var random = new Random(seed);
        double[][] means = Enumerable.Range(0, centres)
            .Select(_ => Enumerable.Range(0, features).Select(_ => (random.NextDouble() * 20) - 10).ToArray())
            .ToArray();
        int padded = KernelColumns.PaddedLength(rows);
        var columns = Enumerable.Range(0, features).Select(_ => new float[padded]).ToArray();
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < features; j++)
            {
                columns[j][i] = (float)(means[i % centres][j] + Gaussian(random));
            }
        }

        float[]? weights = null;
        if (weighted)
        {
            weights = new float[padded];
            for (int i = 0; i < rows; i++)
            {
                weights[i] = i % 3;
            }
        }

        return new KernelData(columns, weights, rows);
    }

    /// <summary>The kernels' view at <paramref name="width"/>; the offset is the float32 mean of each column unless told otherwise.</summary>
    public KernelColumns At(VectorWidth width, bool centred = true)
    {
        float[]? offset = centred
            ? Columns.Select(c => RowCount == 0 ? 0f : (float)c.Take(RowCount).Average(v => (double)v)).ToArray()
            : null;
        return new KernelColumns(Columns, RowCount, width, offset, Weights);
    }

    public double Weight(int row) => Weights is null ? 1.0 : Weights[row];

    /// <summary>Row <paramref name="row"/> in the data's units.</summary>
    public double[] Row(int row) => Columns.Select(c => (double)c[row]).ToArray();

    /// <summary>Row <paramref name="row"/> minus the offset, rounded to float32 as the kernels round it.</summary>
    public static double[] CentredRow(in KernelColumns data, int row)
    {
        var values = new double[data.FeatureCount];
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = data.Centred(row, j);
        }

        return values;
    }

    /// <summary>The centred float32 coordinates of the given rows, row-major: centres or candidates for the kernels.</summary>
    public static float[] CentredRows(KernelColumns data, IEnumerable<int> rows)
        => rows.SelectMany(i => Enumerable.Range(0, data.FeatureCount).Select(j => data.Centred(i, j))).ToArray();

    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
