namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The state <see cref="BoundedLloydKernel"/> keeps between passes: per row an upper bound on the distance to its
/// centre and a lower bound on the distance to any other (padded to whole vectors), and per cluster how far its centre
/// moved since the last pass and half the distance to its nearest other centre. Tables are padded to the lane count
/// when K fits in one vector, so that a look-up is one permute.
/// </summary>
internal sealed class LloydBounds
{
    public LloydBounds(int rowCount, int clusters, int features, int lanes)
    {
        int padded = (rowCount + lanes - 1) / lanes * lanes;
        Upper = new float[padded];
        Lower = new float[padded];
        int table = clusters <= lanes ? lanes : clusters;
        Drift = new float[table];
        HalfSeparation = new float[table];
        CentreColumns = new float[features][];
        for (int j = 0; j < features; j++)
        {
            CentreColumns[j] = new float[table];
        }

        Clusters = clusters;
    }

    /// <summary>Per row, at least its distance to its centre.</summary>
    public float[] Upper { get; }

    /// <summary>Per row, at most its distance to any centre but its own.</summary>
    public float[] Lower { get; }

    /// <summary>Per cluster, at least how far its centre moved since the previous pass.</summary>
    public float[] Drift { get; }

    /// <summary>Per cluster, at most half the distance from its centre to the nearest other centre.</summary>
    public float[] HalfSeparation { get; }

    /// <summary>Per feature, the centres' coordinate in cluster order (the centres of the coming pass).</summary>
    public float[][] CentreColumns { get; }

    /// <summary>The largest drift.</summary>
    public float MaxDrift { get; private set; }

    /// <summary>K.</summary>
    public int Clusters { get; }

    /// <summary>
    /// Sets the drift from <paramref name="before"/> to <paramref name="after"/> (centred float32 centres, row-major
    /// clusters x features) and the half separations of <paramref name="after"/>, each rounded away from the side
    /// where it would be unsafe.
    /// </summary>
    public void Move(float[] before, float[] after, int features)
    {
        float largest = 0;
        for (int k = 0; k < Clusters; k++)
        {
            float moved = RoundUp(Math.Sqrt(SquaredDistance(before, after, k, k, features)));
            Drift[k] = moved;
            largest = Math.Max(largest, moved);

            double nearest = double.PositiveInfinity;
            for (int other = 0; other < Clusters; other++)
            {
                if (other != k)
                {
                    nearest = Math.Min(nearest, SquaredDistance(after, after, k, other, features));
                }
            }

            HalfSeparation[k] = (float)(0.5 * Math.Sqrt(nearest) * (1 - 1e-6));
        }

        MaxDrift = largest;
        for (int k = 0; k < Clusters; k++)
        {
            for (int j = 0; j < features; j++)
            {
                CentreColumns[j][k] = after[(k * features) + j];
            }
        }
    }

    private static float RoundUp(double value) => (float)(value * (1 + 1e-6)) + float.Epsilon;

    private static double SquaredDistance(float[] a, float[] b, int k, int other, int features)
    {
        double total = 0;
        for (int j = 0; j < features; j++)
        {
            double delta = (double)a[(k * features) + j] - b[(other * features) + j];
            total += delta * delta;
        }

        return total;
    }
}
