namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The float operations the distance kernels need, for one vector width. Implemented by small structs so that the
/// JIT specialises each kernel per width (the pattern of System.Numerics.Tensors' operators): one kernel body,
/// four instantiations (512, 256, 128 bits and a one-lane scalar fallback). The same structs implement
/// <see cref="IDoubleLanes{TDouble}"/> for the kernels that sum in double.
/// </summary>
/// <remarks>
/// Every lane follows the same IEEE-754 operation sequence whatever the width (subtract, fused multiply-add,
/// compare), so distances, and with them the labels, are bit-identical across widths; only the lane grouping of
/// sums differs. Masks are all-ones or all-zeros lanes.
/// </remarks>
internal interface ISimdLanes<TVector>
    where TVector : unmanaged
{
    /// <summary>The number of float lanes.</summary>
    static abstract int Count { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Create(float value);

    /// <summary>Loads <see cref="Count"/> values at <paramref name="index"/>; the caller guarantees they lie in the (padded) array.</summary>
    static abstract TVector Load(float[] source, int index);

    static abstract TVector Add(TVector left, TVector right);

    static abstract TVector Subtract(TVector left, TVector right);

    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary>(left * right) + addend with a single rounding.</summary>
    static abstract TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>The lane-wise minimum; returns <paramref name="right"/> on ties (x86 <c>minps</c> semantics).</summary>
    static abstract TVector Min(TVector left, TVector right);

    static abstract TVector LessThan(TVector left, TVector right);

    static abstract TVector EqualMask(TVector left, TVector right);

    static abstract TVector And(TVector mask, TVector value);

    static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);

    /// <summary>
    /// <paramref name="sum"/> plus <paramref name="value"/> in the lanes where <paramref name="left"/> equals
    /// <paramref name="right"/>, <paramref name="sum"/> unchanged in the others (a compare and one masked add where the
    /// hardware has mask registers).
    /// </summary>
    static abstract TVector AddWhereEqual(TVector left, TVector right, TVector sum, TVector value);

    /// <summary>A vector of ones in the first <paramref name="count"/> lanes and zeros after them.</summary>
    static abstract TVector OnesInFirst(int count);

    /// <summary>Copies every lane to <paramref name="destination"/>.</summary>
    static abstract void CopyTo(TVector value, Span<float> destination);

    /// <summary>Copies every lane, a whole number, to <paramref name="destination"/> as an int.</summary>
    static abstract void CopyWholeTo(TVector value, Span<int> destination);

    /// <summary>Adds every lane, widened to double, to <paramref name="sum"/>, lane 0 first.</summary>
    static abstract double AddLanesTo(TVector value, double sum);

    /// <summary>Adds lane l of <paramref name="value"/>, widened to double, to <c>target[l]</c> for every lane.</summary>
    static abstract void AddLanesInto(TVector value, ref double target);

    /// <summary>
    /// Stores the whole-number cluster indices in <paramref name="indices"/> to <paramref name="labels"/> at
    /// <paramref name="index"/> (all lanes lie within the array) and returns how many labels changed.
    /// </summary>
    static abstract int StoreLabels(TVector indices, int[] labels, int index);

    /// <summary>
    /// As <see cref="StoreLabels(TVector, int[], int)"/>, copies the labels it replaces to <paramref name="previous"/>
    /// (one per lane), and returns which labels changed: bit l for lane l.
    /// </summary>
    static abstract uint StoreChangedLabels(TVector indices, int[] labels, int index, Span<int> previous);
}
