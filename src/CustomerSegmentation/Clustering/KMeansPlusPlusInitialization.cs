using System.Runtime.CompilerServices;
using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// Greedy k-means++: the first centre is a row drawn with probability proportional to its weight; each next centre is
/// the best of <see cref="LocalTrials"/> candidates, drawn with probability proportional to their weighted squared
/// distance to the nearest centre so far, where best means the lowest total potential afterwards.
/// </summary>
internal sealed class KMeansPlusPlusInitialization : KMeansInitialization
{
    internal KMeansPlusPlusInitialization(int? localTrials)
    {
        if (localTrials is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(localTrials), localTrials, "k-means++ needs at least one local trial per centre.");
        }

        LocalTrials = localTrials;
    }

    /// <summary>Candidates tried per centre; null means 2 + floor(ln K), scikit-learn's default.</summary>
    public int? LocalTrials { get; }

    /// <summary>The number of candidates tried per centre for <paramref name="clusters"/> clusters.</summary>
    public int TrialsFor(int clusters) => LocalTrials ?? 2 + (int)Math.Log(clusters);

    /// <inheritdoc />
    public override string ToString() => LocalTrials is null ? "greedy k-means++" : $"greedy k-means++ ({LocalTrials} local trials)";

    internal override double[] Choose(KMeansInput input, int clusters, System.Random random, CancellationToken cancellationToken)
    {
        int features = input.FeatureCount;
        int trials = TrialsFor(clusters);
        BlockPartition partition = input.Partition;
        var centres = new double[clusters * features];
        float[] closest = input.SeedingDistances();
        closest.AsSpan(0, input.RowCount).Fill(float.PositiveInfinity);
        var blockPotential = new double[partition.Count];

        var chosen = new float[features];
        CopyCentredRow(input, FirstRow(input, random), chosen);
        double potential = Accept(input, chosen, closest, blockPotential, centres, 0);

        var candidates = new float[trials * features];
        var candidatePotential = new double[partition.Count * trials];
        for (int c = 1; c < clusters; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int l = 0; l < trials; l++)
            {
                int row = RowByPotential(input, closest, blockPotential, random.NextDouble() * potential);
                CopyCentredRow(input, row, candidates.AsSpan(l * features, features));
            }

            Array.Clear(candidatePotential);
            input.ForEachBlock(trials, b => SeedingKernel.Potentials(
                input.Kernel, closest, candidates, trials, partition.Start(b), partition.End(b),
                candidatePotential.AsSpan(b * trials, trials), store: false));

            int best = 0;
            double bestPotential = double.PositiveInfinity;
            for (int l = 0; l < trials; l++)
            {
                double total = 0;
                for (int b = 0; b < partition.Count; b++)
                {
                    total += candidatePotential[(b * trials) + l];
                }

                if (total < bestPotential)
                {
                    bestPotential = total;
                    best = l;
                }
            }

            candidates.AsSpan(best * features, features).CopyTo(chosen);
            potential = Accept(input, chosen, closest, blockPotential, centres, c);
        }

        return centres;
    }

    /// <summary>Records centre <paramref name="index"/>, folds it into the closest distances and returns the new total potential.</summary>
    private static double Accept(KMeansInput input, float[] centre, float[] closest, double[] blockPotential, double[] centres, int index)
    {
        for (int j = 0; j < centre.Length; j++)
        {
            centres[(index * centre.Length) + j] = centre[j];
        }

        BlockPartition partition = input.Partition;
        Array.Clear(blockPotential);
        input.ForEachBlock(1, b => SeedingKernel.Potentials(
            input.Kernel, closest, centre, 1, partition.Start(b), partition.End(b), blockPotential.AsSpan(b, 1), store: true));
        double total = 0;
        foreach (double p in blockPotential)
        {
            total += p;
        }

        return total;
    }

    private static int FirstRow(KMeansInput input, System.Random random)
    {
        double u = random.NextDouble();
        if (input.Weights is null)
        {
            return Math.Min(input.RowCount - 1, (int)(u * input.RowCount));
        }

        double target = u * input.TotalWeight;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < input.RowCount; i++)
        {
            double w = input.Weights[i];
            if (w > 0)
            {
                last = i;
                cumulative += w;
                if (cumulative > target)
                {
                    return i;
                }
            }
        }

        return last;
    }

    /// <summary>
    /// The row at which the running sum of weighted closest distances first exceeds <paramref name="target"/>:
    /// the block is found from the per-block totals, then the row by a scan of that block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RowByPotential(KMeansInput input, float[] closest, double[] blockPotential, double target)
    {
        BlockPartition partition = input.Partition;
        int lastPositive = 0;
        double before = 0;
        for (int b = 0; b < partition.Count; b++)
        {
            if (blockPotential[b] <= 0)
            {
                continue;
            }

            if (before + blockPotential[b] <= target && b < partition.Count - 1)
            {
                before += blockPotential[b];
                continue;
            }

            double cumulative = before;
            for (int i = partition.Start(b); i < partition.End(b); i++)
            {
                double p = input.Weight(i) * closest[i];
                if (p > 0)
                {
                    lastPositive = i;
                    cumulative += p;
                    if (cumulative > target)
                    {
                        return i;
                    }
                }
            }

            before = cumulative;
        }

        return lastPositive;
    }
}
