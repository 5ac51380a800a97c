using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The float operations the bounded Lloyd kernel needs beyond <see cref="ISimdLanes{TVector}"/>: the maximum, the
/// square root, a lane mask as bits, a store, and a look-up of one value per cluster by each lane's label (a single
/// permute when the table fits in one vector). Implemented by the same width structs.
/// </summary>
internal interface IBoundLanes<TVector> : ISimdLanes<TVector>
    where TVector : unmanaged
{
    static abstract TVector Max(TVector left, TVector right);

    static abstract TVector Sqrt(TVector value);

    /// <summary>Bit l set where lane l of <paramref name="left"/> is greater than that of <paramref name="right"/>.</summary>
    static abstract uint GreaterThanBits(TVector left, TVector right);

    /// <summary>Stores every lane to <paramref name="destination"/> at <paramref name="index"/>; the caller guarantees they lie within it.</summary>
    static abstract void Store(TVector value, float[] destination, int index);

    /// <summary>
    /// Lane l holds <c>table[labels[index + l]]</c>. Every label lies in [0, table length) and every lane within
    /// <paramref name="labels"/>; a table of exactly <see cref="ISimdLanes{TVector}.Count"/> values is read with one permute.
    /// </summary>
    static abstract TVector LookUp(float[] table, int[] labels, int index);
}

/// <summary>The bound operations on 512-bit lanes.</summary>
internal readonly partial struct Lanes512 : IBoundLanes<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> left, Vector512<float> right) => Vector512.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint GreaterThanBits(Vector512<float> left, Vector512<float> right)
        => (uint)Vector512.GreaterThan(left, right).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, float[] destination, int index)
        => value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(destination), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LookUp(float[] table, int[] labels, int index)
    {
        Vector512<int> indices = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(labels), (nuint)index);
        if (Avx512F.IsSupported && table.Length == Vector512<float>.Count)
        {
            return Avx512F.PermuteVar16x32(Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(table)), indices);
        }

        Span<float> lanes = stackalloc float[Vector512<float>.Count];
        for (int l = 0; l < lanes.Length; l++)
        {
            lanes[l] = table[indices[l]];
        }

        return Vector512.Create<float>(lanes);
    }
}

/// <summary>The bound operations on 256-bit lanes.</summary>
internal readonly partial struct Lanes256 : IBoundLanes<Vector256<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> left, Vector256<float> right) => Vector256.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint GreaterThanBits(Vector256<float> left, Vector256<float> right)
        => Vector256.GreaterThan(left, right).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, float[] destination, int index)
        => value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(destination), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LookUp(float[] table, int[] labels, int index)
    {
        Vector256<int> indices = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(labels), (nuint)index);
        if (Avx2.IsSupported && table.Length == Vector256<float>.Count)
        {
            return Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(table)), indices);
        }

        Span<float> lanes = stackalloc float[Vector256<float>.Count];
        for (int l = 0; l < lanes.Length; l++)
        {
            lanes[l] = table[indices[l]];
        }

        return Vector256.Create<float>(lanes);
    }
}

/// <summary>The bound operations on 128-bit lanes.</summary>
internal readonly partial struct Lanes128 : IBoundLanes<Vector128<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> left, Vector128<float> right) => Vector128.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint GreaterThanBits(Vector128<float> left, Vector128<float> right)
        => Vector128.GreaterThan(left, right).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, float[] destination, int index)
        => value.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(destination), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LookUp(float[] table, int[] labels, int index)
    {
        Vector128<int> indices = Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(labels), (nuint)index);
        if (Avx.IsSupported && table.Length == Vector128<float>.Count)
        {
            return Avx.PermuteVar(Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(table)), indices);
        }

        return Vector128.Create(table[indices[0]], table[indices[1]], table[indices[2]], table[indices[3]]);
    }
}

/// <summary>The bound operations on one scalar lane.</summary>
internal readonly partial struct ScalarLane : IBoundLanes<float>
{
    public static float Max(float left, float right) => left > right ? left : right;

    public static float Sqrt(float value) => MathF.Sqrt(value);

    public static uint GreaterThanBits(float left, float right) => left > right ? 1u : 0u;

    public static void Store(float value, float[] destination, int index) => destination[index] = value;

    public static float LookUp(float[] table, int[] labels, int index) => table[labels[index]];
}
