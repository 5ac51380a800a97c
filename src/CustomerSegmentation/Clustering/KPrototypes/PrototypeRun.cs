using System.Collections.Immutable;
using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>The outcome of one K-prototypes restart: centred numeric prototypes, mode codes, labels, the cost after each assignment, and each prototype's members.</summary>
internal sealed record PrototypeOutcome(double[] Centres, int[] Modes, int[] Labels, ImmutableArray<double> Costs, int Iterations, bool Converged, long Mismatches, int[] Sizes);

/// <summary>
/// One restart of Huang's K-prototypes: assign every row to its cheapest prototype, stop when no label changed,
/// otherwise move each non-empty prototype to its members' numeric mean and categorical modes, and repeat.
/// </summary>
/// <remarks>
/// The cost recorded after each assignment is that of the new labels against the prototypes they were assigned to;
/// it never rises, since the assignment and then the update each minimise it. The mode of a feature is its most
/// frequent level among the members; on a tie the current mode stays when it is among the most frequent, otherwise
/// the lowest level code (the first in ordinal order) wins. An empty cluster keeps its prototype. Sums and counts
/// are gathered by the assignment pass itself (<see cref="PrototypeTotals"/>), per fixed block of rows, combined in
/// block order, so the result does not depend on the threads; the last pass's counts give the final mismatches. After
/// the first pass only the rows whose label changed move their sums and counts (the sums are gathered again from every
/// row every <see cref="RefreshInterval"/> passes).
/// </remarks>
internal static class PrototypeRun
{
    /// <summary>
    /// Every this many passes the numeric sums are gathered again from every row (the first pass included); in between
    /// a pass moves only the rows whose label changed, so the rounding of those moves never builds up.
    /// </summary>
    internal const int RefreshInterval = 16;

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
        var totals = new PrototypeTotals(input, clusters);
        var costs = ImmutableArray.CreateBuilder<double>();
        bool converged = false;
        int iterations = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            totals.BeginPass(refresh: iteration % RefreshInterval == 0);
            (int changed, double cost) = input.Assign(LloydRun.ToFloat(centres), ToFloat(modes), clusters, labels, totals);
            costs.Add(cost);
            iterations = iteration + 1;
            if (changed == 0)
            {
                converged = true;
                break;
            }

            Update(totals, centres, modes);
        }

        if (!converged)
        {
            // The last update moved the prototypes: assign once more so that the labels are those of the prototypes.
            totals.BeginPass(refresh: false);
            input.Assign(LloydRun.ToFloat(centres), ToFloat(modes), clusters, labels, totals);
        }

        // The last pass's member counts are those of the final labels: whole numbers, moved by exactly one.
        int[] sizes = [.. Enumerable.Range(0, clusters).Select(k => (int)totals.Members(k))];
        return new PrototypeOutcome(centres, modes, labels, costs.ToImmutable(), iterations, converged, totals.Mismatches(modes), sizes);
    }

    public static float[] ToFloat(int[] codes) => Array.ConvertAll(codes, c => (float)c);

    /// <summary>Moves every non-empty prototype to the numeric mean and categorical modes of its members, from the pass's totals.</summary>
    private static void Update(PrototypeTotals totals, double[] centres, int[] modes)
    {
        int d = totals.FeatureCount;
        int m = totals.LevelStart.Length - 1;
        for (int k = 0; k < totals.Clusters; k++)
        {
            double members = totals.Members(k);
            if (members <= 0)
            {
                continue;
            }

            for (int j = 0; j < d; j++)
            {
                centres[(k * d) + j] = totals.Sums[(k * (d + 1)) + j] / members;
            }

            for (int f = 0; f < m; f++)
            {
                ReadOnlySpan<int> levelCounts = totals.Levels(k, f);
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
