namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The double operations of the kernels that sum in double (inertia, silhouette distances), for the same register
/// widths as <see cref="ISimdLanes{TVector}"/> and implemented by the same width structs: a 512-bit register holds
/// 8 doubles, a 256-bit one 4, a 128-bit one 2, the scalar lane 1.
/// </summary>
/// <remarks>
/// Each lane follows the same IEEE-754 operations as the scalar loop (subtract, multiply, add, square root; no fused
/// multiply-add), so only the grouping of sums across lanes differs between widths. Lane totals are reduced in lane
/// order, so a result depends on the width and the data, never on the thread that computed it.
/// </remarks>
internal interface IDoubleLanes<TDouble>
    where TDouble : unmanaged
{
    /// <summary>The number of double lanes.</summary>
    static abstract int Count { get; }

    static abstract TDouble Zero { get; }

    static abstract TDouble Create(double value);

    /// <summary>Loads <see cref="Count"/> doubles at <paramref name="index"/>; the caller guarantees they lie in the array.</summary>
    static abstract TDouble Load(double[] source, int index);

    /// <summary>Stores every lane to <paramref name="destination"/> at <paramref name="index"/>; the caller guarantees they lie within it.</summary>
    static abstract void Store(TDouble value, double[] destination, int index);

    /// <summary>Loads <see cref="Count"/> floats at <paramref name="index"/> widened to double; the caller guarantees they lie in the (padded) array.</summary>
    static abstract TDouble LoadWidened(float[] source, int index);

    /// <summary>Lane l holds <c>table[offsets[l]]</c>; <paramref name="offsets"/> has <see cref="Count"/> entries.</summary>
    static abstract TDouble Gather(ReadOnlySpan<double> table, ReadOnlySpan<int> offsets);

    static abstract TDouble Add(TDouble left, TDouble right);

    static abstract TDouble Subtract(TDouble left, TDouble right);

    static abstract TDouble Multiply(TDouble left, TDouble right);

    static abstract TDouble Sqrt(TDouble value);

    /// <summary>Adds every lane to <paramref name="sum"/>, lane 0 first.</summary>
    static abstract double AddLanesTo(TDouble value, double sum);
}
