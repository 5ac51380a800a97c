using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The data of one K-prototypes fit or prediction: the numeric part prepared as for K-means (<see cref="KMeansInput"/>:
/// padded columns, float32 offset, blocks), the categorical codes (int and padded float32), each level's count, and gamma.
/// </summary>
internal sealed class PrototypeInput
{
    private readonly CategoricalColumn[] _categoricals;
    private readonly int[][] _levelCounts;

    public PrototypeInput(KMeansInput numeric, IReadOnlyList<CategoricalColumn> categoricals, double gamma)
    {
        Numeric = numeric;
        _categoricals = [.. categoricals];
        Codes = [.. _categoricals.Select(c => c.PaddedCodes)];
        IntCodes = [.. _categoricals.Select(c => c.RawCodes)];
        Gamma = (float)gamma;
        // Each level's rows, and the rows outside the levels, counted per block in parallel and added in block order.
        int m = _categoricals.Length;
        int[] slots = [.. _categoricals.Select(c => c.Levels.Length + 1)];
        BlockPartition partition = numeric.Partition;
        var blockCounts = new int[partition.Count][][];
        int[][] intCodes = IntCodes;
        numeric.ForEachBlock(1, b =>
        {
            var counts = new int[m][];
            for (int f = 0; f < m; f++)
            {
                // Slot 0 counts the unknown code (-1), slot 1 + l level l.
                var slot = new int[slots[f]];
                ReadOnlySpan<int> codes = intCodes[f].AsSpan(partition.Start(b), partition.End(b) - partition.Start(b));
                foreach (int code in codes)
                {
                    slot[code + 1]++;
                }

                counts[f] = slot;
            }

            blockCounts[b] = counts;
        });

        _levelCounts = new int[m][];
        UnknownRows = new int[m];
        for (int f = 0; f < m; f++)
        {
            var total = new int[slots[f]];
            foreach (int[][] block in blockCounts)
            {
                for (int l = 0; l < total.Length; l++)
                {
                    total[l] += block[f][l];
                }
            }

            UnknownRows[f] = total[0];
            _levelCounts[f] = total[1..];
        }

        Keys = new LevelKeys([.. _levelCounts.Select(c => c.Length)]);
    }

    public KMeansInput Numeric { get; }

    /// <summary>The padded float32 codes, one column per categorical feature.</summary>
    public float[][] Codes { get; }

    /// <summary>The int codes, one array per categorical feature (shared with the columns, never written).</summary>
    public int[][] IntCodes { get; }

    /// <summary>Per categorical feature, how many rows hold a value outside its levels (<see cref="CategoricalColumn.UnknownCode"/>).</summary>
    public int[] UnknownRows { get; }

    /// <summary>The codes arranged for counting levels per prototype.</summary>
    public LevelKeys Keys { get; }

    /// <summary>Gamma as the kernel uses it (float32).</summary>
    public float Gamma { get; }

    public int RowCount => Numeric.RowCount;

    public int FeatureCount => Numeric.FeatureCount;

    public int CategoricalCount => _categoricals.Length;

    /// <summary>The number of levels of categorical feature <paramref name="feature"/>.</summary>
    public int LevelCount(int feature) => _levelCounts[feature].Length;

    /// <summary>How many rows have each level of categorical feature <paramref name="feature"/>.</summary>
    public int[] LevelCounts(int feature) => _levelCounts[feature];

    /// <summary>The code of row <paramref name="row"/> in categorical feature <paramref name="feature"/>.</summary>
    public int Code(int row, int feature) => IntCodes[feature][row];

    /// <summary>The cost between two rows, in double on the centred float32 values: squared numeric distance plus gamma per mismatch.</summary>
    public double RowCost(int row, int other)
    {
        double cost = 0;
        for (int j = 0; j < FeatureCount; j++)
        {
            double delta = Numeric.Centred(row, j) - Numeric.Centred(other, j);
            cost += delta * delta;
        }

        for (int f = 0; f < CategoricalCount; f++)
        {
            cost += Code(row, f) == Code(other, f) ? 0 : Gamma;
        }

        return cost;
    }

    /// <summary>Assigns every row to its cheapest prototype, block by block in parallel; returns the changed labels and the summed least cost (block order).</summary>
    public (int Changed, double Cost) Assign(float[] centres, float[] modes, int clusters, int[] labels) => Assign(centres, modes, clusters, labels, null);

    /// <summary>
    /// Assigns every row to its cheapest prototype, block by block in parallel, gathering each block's update sums and
    /// level counts into <paramref name="tally"/> in the same pass (when not null; prepared by
    /// <see cref="PrototypeTotals.BeginPass"/>); returns the changed labels and the summed least cost (block order).
    /// </summary>
    public (int Changed, double Cost) Assign(float[] centres, float[] modes, int clusters, int[] labels, PrototypeTotals? tally)
    {
        BlockPartition partition = Numeric.Partition;
        var changed = new int[partition.Count];
        var costs = new double[partition.Count];
        KMeansInput numeric = Numeric;
        float[][] codes = Codes;
        float gamma = Gamma;
        numeric.ForEachBlock(clusters, b => changed[b] = PrototypeKernel.AssignBlock(
            numeric.Kernel, codes, centres, modes, gamma, clusters, labels, partition.Start(b), partition.End(b), tally is null ? PrototypeTally.None : tally.Block(b), out costs[b]));
        tally?.Combine();
        double cost = 0;
        foreach (double c in costs)
        {
            cost += c;
        }

        return (changed.Sum(), cost);
    }
}
