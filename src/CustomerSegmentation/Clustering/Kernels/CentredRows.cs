using System.Runtime.CompilerServices;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The centred values of one vector of rows for d = 1 to 4 features, one register per feature (features past d
/// are zero and never touched: d is a JIT-time constant). Used by the kernels specialised for few features.
/// </summary>
internal struct CentredRows<TLanes, TVector, TFeatures>
    where TLanes : struct, ISimdLanes<TVector>
    where TVector : unmanaged
    where TFeatures : struct, IFeatureCount
{
    public TVector X0;
    public TVector X1;
    public TVector X2;
    public TVector X3;

    /// <summary>The rows at <paramref name="index"/>, each feature minus its offset (the general kernels' <c>LoadCentred</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CentredRows<TLanes, TVector, TFeatures> Load(float[][] columns, float[] offset, int index)
    {
        int d = TFeatures.Value;
        CentredRows<TLanes, TVector, TFeatures> rows = default;
        rows.X0 = TLanes.Subtract(TLanes.Load(columns[0], index), TLanes.Create(offset[0]));
        if (d > 1)
        {
            rows.X1 = TLanes.Subtract(TLanes.Load(columns[1], index), TLanes.Create(offset[1]));
        }

        if (d > 2)
        {
            rows.X2 = TLanes.Subtract(TLanes.Load(columns[2], index), TLanes.Create(offset[2]));
        }

        if (d > 3)
        {
            rows.X3 = TLanes.Subtract(TLanes.Load(columns[3], index), TLanes.Create(offset[3]));
        }

        return rows;
    }

    /// <summary>
    /// The float32 squared distance of every row to the centre whose d coordinates start at <paramref name="centre"/>,
    /// with the general kernels' operation sequence: a multiply (a fused multiply-add onto zero), then one fused
    /// multiply-add per further feature, in feature order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVector SquaredDistance(ref float centre)
    {
        int d = TFeatures.Value;
        TVector difference = TLanes.Subtract(X0, TLanes.Create(centre));
        TVector distance = TLanes.Multiply(difference, difference);
        if (d > 1)
        {
            difference = TLanes.Subtract(X1, TLanes.Create(Unsafe.Add(ref centre, 1)));
            distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
        }

        if (d > 2)
        {
            difference = TLanes.Subtract(X2, TLanes.Create(Unsafe.Add(ref centre, 2)));
            distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
        }

        if (d > 3)
        {
            difference = TLanes.Subtract(X3, TLanes.Create(Unsafe.Add(ref centre, 3)));
            distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
        }

        return distance;
    }

    /// <summary>
    /// The float32 squared distance of every row to its own centre, whose coordinates lane by lane are
    /// <paramref name="c0"/> to <paramref name="c3"/> (those past d are ignored).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVector SquaredDistance(TVector c0, TVector c1, TVector c2, TVector c3)
    {
        int d = TFeatures.Value;
        TVector difference = TLanes.Subtract(X0, c0);
        TVector distance = TLanes.Multiply(difference, difference);
        if (d > 1)
        {
            difference = TLanes.Subtract(X1, c1);
            distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
        }

        if (d > 2)
        {
            difference = TLanes.Subtract(X2, c2);
            distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
        }

        if (d > 3)
        {
            difference = TLanes.Subtract(X3, c3);
            distance = TLanes.FusedMultiplyAdd(difference, difference, distance);
        }

        return distance;
    }

    /// <summary>
    /// Adds the rows of every feature selected by <paramref name="member"/> (an all-ones or all-zeros mask per lane) to
    /// the d running sums starting at <paramref name="sum"/>, in feature order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void AddMasked(TVector member, ref TVector sum)
    {
        int d = TFeatures.Value;
        sum = TLanes.Add(sum, TLanes.And(member, X0));
        if (d > 1)
        {
            Unsafe.Add(ref sum, 1) = TLanes.Add(Unsafe.Add(ref sum, 1), TLanes.And(member, X1));
        }

        if (d > 2)
        {
            Unsafe.Add(ref sum, 2) = TLanes.Add(Unsafe.Add(ref sum, 2), TLanes.And(member, X2));
        }

        if (d > 3)
        {
            Unsafe.Add(ref sum, 3) = TLanes.Add(Unsafe.Add(ref sum, 3), TLanes.And(member, X3));
        }
    }

    /// <summary>
    /// Adds the rows whose lane of <paramref name="labels"/> equals <paramref name="cluster"/> to the running sums
    /// <paramref name="s0"/> to <paramref name="s3"/> (those past d are left alone) and 1 per such row to
    /// <paramref name="count"/>: a compare and masked adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddWhere(TVector labels, TVector cluster, ref TVector s0, ref TVector s1, ref TVector s2, ref TVector s3, ref TVector count)
    {
        int d = TFeatures.Value;
        s0 = TLanes.AddWhereEqual(labels, cluster, s0, X0);
        if (d > 1)
        {
            s1 = TLanes.AddWhereEqual(labels, cluster, s1, X1);
        }

        if (d > 2)
        {
            s2 = TLanes.AddWhereEqual(labels, cluster, s2, X2);
        }

        if (d > 3)
        {
            s3 = TLanes.AddWhereEqual(labels, cluster, s3, X3);
        }

        count = TLanes.AddWhereEqual(labels, cluster, count, TLanes.Create(1f));
    }

    /// <summary>
    /// Adds each row, already multiplied by its weight, to the sums of the cluster <paramref name="labels"/> names (a
    /// float32 cluster index per lane), and its <paramref name="weight"/> to that cluster's total weight: per cluster d
    /// sums then the weight, from <paramref name="sums"/> on, clusters in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddToClusters(TVector labels, TVector weight, ref TVector sums, int clusters)
    {
        int d = TFeatures.Value;
        TVector one = TLanes.Create(1f);
        TVector cluster = TLanes.Zero;
        ref TVector sum = ref sums;
        for (int k = 0; k < clusters; k++)
        {
            TVector member = TLanes.EqualMask(labels, cluster);
            AddMasked(member, ref sum);
            Unsafe.Add(ref sum, d) = TLanes.Add(Unsafe.Add(ref sum, d), TLanes.And(member, weight));
            sum = ref Unsafe.Add(ref sum, d + 1);
            cluster = TLanes.Add(cluster, one);
        }
    }

    /// <summary>Multiplies every feature by <paramref name="weight"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Scale(TVector weight)
    {
        int d = TFeatures.Value;
        X0 = TLanes.Multiply(X0, weight);
        if (d > 1)
        {
            X1 = TLanes.Multiply(X1, weight);
        }

        if (d > 2)
        {
            X2 = TLanes.Multiply(X2, weight);
        }

        if (d > 3)
        {
            X3 = TLanes.Multiply(X3, weight);
        }
    }
}
