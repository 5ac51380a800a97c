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
    /// <summary>
    /// A run that moves sums (unweighted data) rebuilds them from every row at least this often, so that the moves
    /// of changed rows (added in double) never drift from the sums of the labels by more than a few rounding steps.
    /// </summary>
    internal const int RefreshInterval = 16;

    /// <summary>After a pass that changed more than this fraction of the rows the next pass is a refresh: moving that many rows one by one costs more than summing every row.</summary>
    internal const double RefreshFraction = 0.125;

    /// <param name="input">The data.</param>
    /// <param name="clusters">K.</param>
    /// <param name="maxIterations">The most update steps.</param>
    /// <param name="tolerance">The tolerance on the squared centre shift, relative to the mean variance.</param>
    /// <param name="initialCentres">Centred centres, row-major.</param>
    /// <param name="cancellationToken">Checked before every pass.</param>
    /// <param name="passes">
    /// How the passes gather the sums on unweighted data (weighted data always sums every row):
    /// <see cref="LloydPasses.Moves"/> (the default) sums every row on a refresh pass and otherwise adds only the moves
    /// of the rows whose label changed; <see cref="LloydPasses.Bounded"/> (d &lt;= 4; wider data moves without bounds)
    /// also skips rows whose distance bounds prove the label cannot change; <see cref="LloydPasses.Full"/> sums every
    /// row on every pass.
    /// </param>
    /// <param name="labelBuffer">
    /// An array of one label per row to use for the labels (its contents are overwritten), so that restarts can reuse
    /// the labels of a run that lost instead of allocating; null allocates one.
    /// </param>
    public static LloydOutcome Execute(
        KMeansInput input, int clusters, int maxIterations, double tolerance, double[] initialCentres, CancellationToken cancellationToken, LloydPasses passes = LloydPasses.Moves, int[]? labelBuffer = null)
    {
        int features = input.FeatureCount;
        int stride = clusters * (features + 1);
        BlockPartition partition = input.Partition;
        double toleranceAbsolute = tolerance * input.MeanVariance;

        int[] labels = labelBuffer is { Length: var length } && length == input.RowCount ? labelBuffer : new int[input.RowCount];
        Array.Fill(labels, -1);
        double[] centres = (double[])initialCentres.Clone();
        float[] kernelCentres = ToFloat(centres);
        var partials = new double[partition.Count * stride];
        var changedByBlock = new int[partition.Count];
        var sums = new double[stride];
        // Unweighted only: the running weights stay exact integers, so an emptied cluster reads exactly 0.
        bool unweighted = input.Weights is null;
        LloydBounds? bounds = passes == LloydPasses.Bounded && unweighted && BoundedLloydKernel.Supports(features)
            ? new LloydBounds(input.RowCount, clusters, features, (int)input.Width)
            : null;
        bool moving = unweighted && passes != LloydPasses.Full;

        bool strict = false;
        bool converged = false;
        bool refreshDue = true;
        int sinceRefresh = 0;
        int iterations = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(partials);
            float[] current = kernelCentres;
            bool refresh = !moving || refreshDue || sinceRefresh >= RefreshInterval;
            if (bounds is null && refresh)
            {
                input.ForEachBlock(clusters, b => changedByBlock[b] = LloydKernel.AssignBlock(
                    input.Kernel, current, clusters, labels, partition.Start(b), partition.End(b), partials.AsSpan(b * stride, stride)));
            }
            else if (bounds is null)
            {
                input.ForEachBlock(clusters, b => changedByBlock[b] = LloydKernel.MoveBlock(
                    input.Kernel, current, clusters, labels, partition.Start(b), partition.End(b), partials.AsSpan(b * stride, stride)));
            }
            else
            {
                input.ForEachBlock(clusters, b => changedByBlock[b] = BoundedLloydKernel.AssignBlock(
                    input.Kernel, current, clusters, labels, partition.Start(b), partition.End(b), bounds, refresh, partials.AsSpan(b * stride, stride)));
            }

            if (refresh)
            {
                Array.Clear(sums);
                sinceRefresh = 0;
            }

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

            sinceRefresh++;

            // A re-seeded cluster takes a row's contribution without its label: the running sums no longer match the
            // labels, so the next pass rebuilds them.
            bool relocated = EmptyClusters.Relocate(input, current, clusters, labels, sums);
            double shift = UpdateCentres(centres, sums, clusters, features);
            kernelCentres = ToFloat(centres);
            bounds?.Move(current, kernelCentres, features);
            refreshDue = relocated || changed > RefreshFraction * input.RowCount;
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

/// <summary>How a Lloyd run gathers each pass's per-cluster sums on unweighted data.</summary>
internal enum LloydPasses
{
    /// <summary>Every pass sums every row.</summary>
    Full,

    /// <summary>A refresh pass sums every row; the others add only the moves of the rows whose label changed.</summary>
    Moves,

    /// <summary>As <see cref="Moves"/>, and for 1 to 4 features rows whose distance bounds (Hamerly) prove that the label cannot change are not assigned.</summary>
    Bounded,
}
