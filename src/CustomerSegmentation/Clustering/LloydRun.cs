using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>The outcome of one K-means restart: centred centres, labels and diagnostics.</summary>
internal sealed record LloydOutcome(double[] Centres, int[] Labels, double Inertia, int Iterations, bool Converged);

/// <summary>
/// One restart of Lloyd's algorithm with scikit-learn's semantics: fused assign/update passes until no label changes
/// (strict convergence) or the squared centre shift falls to the tolerance, empty clusters re-seeded at the rows
/// farthest from their centres, then one more assignment so that the labels match the final centres.
/// </summary>
internal static class LloydRun
{
    public static LloydOutcome Execute(KMeansInput input, int clusters, int maxIterations, double tolerance, double[] initialCentres, CancellationToken cancellationToken)
    {
        int features = input.FeatureCount;
        int stride = clusters * (features + 1);
        BlockPartition partition = input.Partition;
        double toleranceAbsolute = tolerance * input.MeanVariance;

        var labels = new int[input.RowCount];
        Array.Fill(labels, -1);
        double[] centres = (double[])initialCentres.Clone();
        float[] kernelCentres = ToFloat(centres);
        var partials = new double[partition.Count * stride];
        var changedByBlock = new int[partition.Count];
        var sums = new double[stride];

        bool strict = false;
        bool converged = false;
        int iterations = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(partials);
            float[] current = kernelCentres;
            input.ForEachBlock(clusters, b => changedByBlock[b] = LloydKernel.AssignBlock(
                input.Kernel, current, clusters, labels, partition.Start(b), partition.End(b), partials.AsSpan(b * stride, stride)));

            Array.Clear(sums);
            int changed = 0;
            for (int b = 0; b < partition.Count; b++)
            {
                ReadOnlySpan<double> block = partials.AsSpan(b * stride, stride);
                for (int s = 0; s < stride; s++)
                {
                    sums[s] += block[s];
                }

                changed += changedByBlock[b];
            }

            EmptyClusters.Relocate(input, current, clusters, labels, sums);
            double shift = UpdateCentres(centres, sums, clusters, features);
            kernelCentres = ToFloat(centres);
            iterations = iteration + 1;
            if (changed == 0)
            {
                strict = true;
                converged = true;
                break;
            }

            if (shift <= toleranceAbsolute)
            {
                converged = true;
                break;
            }
        }

        if (!strict)
        {
            float[] final = kernelCentres;
            input.ForEachBlock(clusters, b => LloydKernel.AssignBlock(
                input.Kernel, final, clusters, labels, partition.Start(b), partition.End(b), Span<double>.Empty));
        }

        double inertia = Inertia.Compute(input, DataUnits(input.Offset, centres), clusters, labels);
        return new LloydOutcome(centres, labels, inertia, iterations, converged);
    }

    /// <summary>Centred centres (row-major) converted to the data's units: the per-feature offset added back, in double.</summary>
    public static double[] DataUnits(float[] offset, double[] centredCentres)
    {
        var result = new double[centredCentres.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = centredCentres[i] + offset[i % offset.Length];
        }

        return result;
    }

    public static float[] ToFloat(double[] values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = (float)values[i];
        }

        return result;
    }

    /// <summary>Moves each non-empty centre to its members' weighted mean and returns the total squared shift.</summary>
    internal static double UpdateCentres(double[] centres, double[] sums, int clusters, int features)
    {
        double shift = 0;
        for (int k = 0; k < clusters; k++)
        {
            int s = k * (features + 1);
            double weight = sums[s + features];
            if (weight <= 0)
            {
                continue;
            }

            for (int j = 0; j < features; j++)
            {
                double updated = sums[s + j] / weight;
                double delta = updated - centres[(k * features) + j];
                shift += delta * delta;
                centres[(k * features) + j] = updated;
            }
        }

        return shift;
    }
}
