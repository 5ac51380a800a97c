using System.Runtime.CompilerServices;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The categorical codes (exact float32 whole numbers) of one vector of rows, held in registers for 1 to 4 features
/// fixed at compile time, and how many of them equal a prototype's modes: the same lane operations, in the same order,
/// as the general loop of <see cref="PrototypeKernel"/>.
/// </summary>
/// <typeparam name="TLanes">The vector width.</typeparam>
/// <typeparam name="TVector">The vector type of that width.</typeparam>
/// <typeparam name="TCount">The number of categorical features, 1 to 4.</typeparam>
internal struct CategoricalRows<TLanes, TVector, TCount>
    where TLanes : struct, ISimdLanes<TVector>
    where TVector : unmanaged
    where TCount : struct, IFeatureCount
{
    private TVector _c0;
    private TVector _c1;
    private TVector _c2;
    private TVector _c3;

    /// <summary>Loads the codes of the rows at <paramref name="index"/>, one padded column per feature.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CategoricalRows<TLanes, TVector, TCount> Load(float[][] codes, int index)
    {
        int m = TCount.Value;
        CategoricalRows<TLanes, TVector, TCount> rows = default;
        rows._c0 = TLanes.Load(codes[0], index);
        if (m > 1)
        {
            rows._c1 = TLanes.Load(codes[1], index);
        }

        if (m > 2)
        {
            rows._c2 = TLanes.Load(codes[2], index);
        }

        if (m > 3)
        {
            rows._c3 = TLanes.Load(codes[3], index);
        }

        return rows;
    }

    /// <summary>The codes of feature <paramref name="feature"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVector Code(int feature) => feature switch
    {
        0 => _c0,
        1 => _c1,
        2 => _c2,
        _ => _c3,
    };

    /// <summary>Per lane, how many features equal the modes at <paramref name="modes"/> (one per feature), as 0, 1, 2, ...</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TVector Matches(ref float modes, TVector one)
    {
        int m = TCount.Value;
        TVector matches = TLanes.And(TLanes.EqualMask(_c0, TLanes.Create(modes)), one);
        if (m > 1)
        {
            matches = TLanes.Add(matches, TLanes.And(TLanes.EqualMask(_c1, TLanes.Create(Unsafe.Add(ref modes, 1))), one));
        }

        if (m > 2)
        {
            matches = TLanes.Add(matches, TLanes.And(TLanes.EqualMask(_c2, TLanes.Create(Unsafe.Add(ref modes, 2))), one));
        }

        if (m > 3)
        {
            matches = TLanes.Add(matches, TLanes.And(TLanes.EqualMask(_c3, TLanes.Create(Unsafe.Add(ref modes, 3))), one));
        }

        return matches;
    }
}
