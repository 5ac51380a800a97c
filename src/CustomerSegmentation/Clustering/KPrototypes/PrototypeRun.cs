using System.Collections.Immutable;
using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>The outcome of one K-prototypes restart: centred numeric prototypes, mode codes, labels and the cost after each assignment.</summary>
internal sealed record PrototypeOutcome(double[] Centres, int[] Modes, int[] Labels, ImmutableArray<double> Costs, int Iterations, bool Converged);

/// <summary>
/// One restart of Huang's K-prototypes: assign every row to its cheapest prototype, stop when no label changed,
/// otherwise move each non-empty prototype to its members' numeric mean and categorical modes, and repeat.
/// </summary>
/// <remarks>
/// The cost recorded after each assignment is that of the new labels against the prototypes they were assigned to;
/// it never rises, since the assignment and then the update each minimise it. The mode of a feature is its most
/// frequent level among the members; on a tie the current mode stays when it is among the most frequent, otherwise
/// the lowest level code (the first in ordinal order) wins. An empty cluster keeps its prototype. Sums and counts
/// are gathered per fixed block of rows and combined in block order, so the result does not depend on the threads.
/// </remarks>
internal static class PrototypeRun
{
    /// <summary>Interleaved accumulator sets of the update (a power of two).</summary>
    private const int Ways = 4;

    public static PrototypeOutcome Execute(PrototypeInput input, int clusters, int maxIterations, int[] initialRows, CancellationToken cancellationToken)
    {
        int d = input.FeatureCount;
        int m = input.CategoricalCount;
        var centres = new double[clusters * d];
        var modes = new int[clusters * m];
        for (int k = 0; k < clusters; k++)
        {
            for (int j = 0; j < d; j++)
            {
                centres[(k * d) + j] = input.Numeric.Centred(initialRows[k], j);
            }

            for (int f = 0; f < m; f++)
            {
                modes[(k * m) + f] = input.Code(initialRows[k], f);
            }
        }

        var labels = new int[input.RowCount];
        Array.Fill(labels, -1);
        var costs = ImmutableArray.CreateBuilder<double>();
        bool converged = false;
        int iterations = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (int changed, double cost) = input.Assign(LloydRun.ToFloat(centres), ToFloat(modes), clusters, labels);
            costs.Add(cost);
            iterations = iteration + 1;
            if (changed == 0)
            {
                converged = true;
                break;
            }

            Update(input, clusters, labels, centres, modes);
        }

        if (!converged)
        {
            // The last update moved the prototypes: assign once more so that the labels are those of the prototypes.
            input.Assign(LloydRun.ToFloat(centres), ToFloat(modes), clusters, labels);
        }

        return new PrototypeOutcome(centres, modes, labels, costs.ToImmutable(), iterations, converged);
    }

    public static float[] ToFloat(int[] codes) => Array.ConvertAll(codes, c => (float)c);

    /// <summary>Moves every non-empty prototype to its members' numeric mean and categorical modes.</summary>
    private static void Update(PrototypeInput input, int clusters, int[] labels, double[] centres, int[] modes)
    {
        int d = input.FeatureCount;
        int m = input.CategoricalCount;
        var levelStart = new int[m + 1];
        for (int f = 0; f < m; f++)
        {
            levelStart[f + 1] = levelStart[f] + input.LevelCount(f);
        }

        int stride = d + 1;
        int levels = levelStart[m];
        BlockPartition partition = input.Numeric.Partition;
        var sums = new double[partition.Count * clusters * stride];
        var counts = new int[partition.Count * clusters * levels];
        float[][] columns = input.Numeric.Columns;
        float[] offset = input.Numeric.Offset;
        int[][] codes = input.IntCodes;
        int width = clusters * stride;
        input.Numeric.ForEachBlock(clusters, b =>
        {
            // Column by column, each row adding into one of Ways interleaved accumulator sets (by row index), so that
            // successive rows of one cluster do not wait on each other's additions; the sets are then added in order.
            int start = partition.Start(b), end = partition.End(b);
            Span<double> ways = new double[Ways * width];
            Span<int> count = counts.AsSpan(b * clusters * levels, clusters * levels);
            ReadOnlySpan<int> blockLabels = labels.AsSpan(start, end - start);
            for (int j = 0; j < d; j++)
            {
                ReadOnlySpan<float> column = columns[j].AsSpan(start, end - start);
                float shift = offset[j];
                for (int i = 0; i < column.Length; i++)
                {
                    ways[((i & (Ways - 1)) * width) + (blockLabels[i] * stride) + j] += column[i] - shift;
                }
            }

            for (int i = 0; i < blockLabels.Length; i++)
            {
                ways[((i & (Ways - 1)) * width) + (blockLabels[i] * stride) + d] += 1;
            }

            Span<double> sum = sums.AsSpan(b * width, width);
            for (int w = 0; w < Ways; w++)
            {
                for (int s = 0; s < width; s++)
                {
                    sum[s] += ways[(w * width) + s];
                }
            }

            for (int f = 0; f < m; f++)
            {
                ReadOnlySpan<int> code = codes[f].AsSpan(start, end - start);
                int first = levelStart[f];
                for (int i = 0; i < code.Length; i++)
                {
                    count[(blockLabels[i] * levels) + first + code[i]]++;
                }
            }
        });

        var total = new double[clusters * stride];
        var totalCounts = new int[clusters * levels];
        for (int b = 0; b < partition.Count; b++)
        {
            for (int s = 0; s < total.Length; s++)
            {
                total[s] += sums[(b * total.Length) + s];
            }

            for (int s = 0; s < totalCounts.Length; s++)
            {
                totalCounts[s] += counts[(b * totalCounts.Length) + s];
            }
        }

        for (int k = 0; k < clusters; k++)
        {
            double members = total[(k * stride) + d];
            if (members <= 0)
            {
                continue;
            }

            for (int j = 0; j < d; j++)
            {
                centres[(k * d) + j] = total[(k * stride) + j] / members;
            }

            for (int f = 0; f < m; f++)
            {
                ReadOnlySpan<int> levelCounts = totalCounts.AsSpan((k * levels) + levelStart[f], input.LevelCount(f));
                int current = modes[(k * m) + f];
                int best = current;
                for (int l = 0; l < levelCounts.Length; l++)
                {
                    if (levelCounts[l] > levelCounts[best] || (levelCounts[l] == levelCounts[best] && l < best && levelCounts[current] < levelCounts[l]))
                    {
                        best = l;
                    }
                }

                modes[(k * m) + f] = best;
            }
        }
    }
}
