using CustomerSegmentation.Data;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// Every feature's values sorted once, with the row each value came from: the tree scans them in order at every
/// level instead of sorting each node again. The sort is a least-significant-digit radix sort (three passes of 11
/// bits over the float's order-preserving bit pattern), stable, so rows of equal value stay in row order.
/// </summary>
internal sealed class SortedFeatures
{
    private SortedFeatures(float[][] values, int[][] rows)
    {
        Values = values;
        Rows = rows;
    }

    /// <summary>Per feature, the values in ascending order.</summary>
    public float[][] Values { get; }

    /// <summary>Per feature, the row of each sorted value.</summary>
    public int[][] Rows { get; }

    /// <summary>Sorts every feature of <paramref name="features"/>, one feature per thread.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SortedFeatures Of(FeatureMatrix features, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        int d = features.FeatureCount;
        int n = features.RowCount;
        var values = new float[d][];
        var rows = new int[d][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, d, options, j => (values[j], rows[j]) = Sort(features.Column(j)));
        return new SortedFeatures(values, rows);
    }

    /// <summary>The values of one column in ascending order (-0 before +0) and the row of each.</summary>
    private static (float[] Values, int[] Rows) Sort(ReadOnlySpan<float> column)
    {
        const int Bits = 11;
        const int Buckets = 1 << Bits;
        int n = column.Length;
        var keys = new uint[n];
        var rows = new int[n];
        for (int i = 0; i < n; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(column[i]);
            keys[i] = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
            rows[i] = i;
        }

        var spareKeys = new uint[n];
        var spareRows = new int[n];
        var counts = new int[Buckets];
        for (int shift = 0; shift < 32; shift += Bits)
        {
            Array.Clear(counts);
            foreach (uint key in keys)
            {
                counts[(int)((key >> shift) & (Buckets - 1))]++;
            }

            int start = 0;
            for (int b = 0; b < Buckets; b++)
            {
                (counts[b], start) = (start, start + counts[b]);
            }

            for (int i = 0; i < n; i++)
            {
                int at = counts[(int)((keys[i] >> shift) & (Buckets - 1))]++;
                spareKeys[at] = keys[i];
                spareRows[at] = rows[i];
            }

            (keys, spareKeys) = (spareKeys, keys);
            (rows, spareRows) = (spareRows, rows);
        }

        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = column[rows[i]];
        }

        return (values, rows);
    }
}
