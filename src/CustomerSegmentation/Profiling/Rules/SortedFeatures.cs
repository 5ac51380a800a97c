using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Up to this many rows the features are sorted side by side, one scratch set per thread; above it one after
    /// another with one scratch set, so that large tables do not hold a set per thread (two 4-byte arrays of the row
    /// count each: 80 MB apiece at 10M rows).
    /// </summary>
    internal const int ParallelRowLimit = 1 << 22;

    /// <summary>Sorts every feature of <paramref name="features"/>: side by side up to <see cref="ParallelRowLimit"/> rows, else one at a time.</summary>
    /// <param name="features">The features.</param>
    /// <param name="maxDegreeOfParallelism">The most features sorted at once (up to <see cref="ParallelRowLimit"/> rows).</param>
    /// <param name="cancellationToken">Checked before each feature.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SortedFeatures Of(FeatureMatrix features, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        int d = features.FeatureCount;
        int n = features.RowCount;
        var values = new float[d][];
        var rows = new int[d][];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = n <= ParallelRowLimit ? maxDegreeOfParallelism : 1,
            CancellationToken = cancellationToken,
        };
        Parallel.For(
            0,
            d,
            options,
            () => new Scratch(n),
            (j, _, scratch) =>
            {
                (values[j], rows[j]) = Sort(features.Column(j), scratch);
                return scratch;
            },
            static _ => { });
        return new SortedFeatures(values, rows);
    }

    /// <summary>The values of one column in ascending order (-0 before +0) and the row of each.</summary>
    private static (float[] Values, int[] Rows) Sort(ReadOnlySpan<float> column, Scratch scratch)
    {
        const int Bits = 11;
        const int Buckets = 1 << Bits;
        int n = column.Length;

        // The sort ping-pongs between two key and two row buffers; after its three passes the result lies in the
        // second pair, which are the arrays this feature keeps (the float array holding the keys' bits meanwhile).
        var values = new float[n];
        var rows = new int[n];
        Span<uint> keys = scratch.Keys;
        Span<uint> sortedKeys = MemoryMarshal.Cast<float, uint>(values.AsSpan());
        Span<int> from = scratch.Rows;
        Span<int> to = rows;
        for (int i = 0; i < n; i++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(column[i]);
            keys[i] = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
            from[i] = i;
        }

        Span<int> counts = scratch.Counts;
        for (int shift = 0; shift < 32; shift += Bits)
        {
            counts.Clear();
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
                sortedKeys[at] = keys[i];
                to[at] = from[i];
            }

            Span<uint> swapKeys = keys;
            keys = sortedKeys;
            sortedKeys = swapKeys;
            Span<int> swapRows = from;
            from = to;
            to = swapRows;
        }

        // Three passes (0, 11, 22): the sorted keys and rows ended in the feature's own arrays. Turn each key back into
        // its float's bits, in place: the same bits as column[rows[i]].
        System.Diagnostics.Debug.Assert(Unsafe.AreSame(ref MemoryMarshal.GetReference(from), ref MemoryMarshal.GetArrayDataReference(rows)), "the sorted rows end in the kept array");
        Span<uint> bitsOfValues = MemoryMarshal.Cast<float, uint>(values.AsSpan());
        for (int i = 0; i < n; i++)
        {
            uint key = bitsOfValues[i];
            bitsOfValues[i] = (key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key;
        }

        return (values, rows);
    }

    /// <summary>The arrays every feature's sort overwrites: one key and one row buffer, and the bucket counts.</summary>
    private sealed class Scratch(int rowCount)
    {
        public uint[] Keys { get; } = new uint[rowCount];

        public int[] Rows { get; } = new int[rowCount];

        public int[] Counts { get; } = new int[2048];
    }
}
