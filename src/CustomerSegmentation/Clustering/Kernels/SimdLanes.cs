using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>512-bit lanes (AVX-512): 16 floats or 8 doubles.</summary>
internal readonly partial struct Lanes512 : ISimdLanes<Vector512<float>>, IDoubleLanes<Vector512<double>>
{
    public static int Count => Vector512<float>.Count;

    /// <summary>One bit per lane.</summary>
    private const uint AllLanes = 0xFFFFu;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Create(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float[] source, int index)
        => Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend)
        => Vector512.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> left, Vector512<float> right) => Vector512.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LessThan(Vector512<float> left, Vector512<float> right) => Vector512.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> EqualMask(Vector512<float> left, Vector512<float> right) => Vector512.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> And(Vector512<float> mask, Vector512<float> value) => mask & value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse)
        => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AddWhereEqual(Vector512<float> left, Vector512<float> right, Vector512<float> sum, Vector512<float> value)
        => Vector512.ConditionalSelect(Vector512.Equals(left, right), sum + value, sum);

    public static Vector512<float> OnesInFirst(int count)
        => Vector512.ConditionalSelect(
            Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle(),
            Vector512<float>.One,
            Vector512<float>.Zero);

    public static void CopyTo(Vector512<float> value, Span<float> destination) => value.CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyWholeTo(Vector512<float> value, Span<int> destination) => Vector512.ConvertToInt32(value).CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddLanesTo(Vector512<float> value, double sum)
    {
        (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(value);
        return Lanes.AddLanes(upper, Lanes.AddLanes(lower, sum));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddLanesInto(Vector512<float> value, ref double target)
    {
        (Vector512<double> lower, Vector512<double> upper) = Vector512.Widen(value);
        ref double high = ref Unsafe.Add(ref target, Vector512<double>.Count);
        (Vector512.LoadUnsafe(ref target) + lower).StoreUnsafe(ref target);
        (Vector512.LoadUnsafe(ref high) + upper).StoreUnsafe(ref high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StoreLabels(Vector512<float> indices, int[] labels, int index)
    {
        ref int target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labels), index);
        Vector512<int> current = Vector512.ConvertToInt32(indices);
        Vector512<int> previous = Vector512.LoadUnsafe(ref target);
        current.StoreUnsafe(ref target);
        return Vector512<int>.Count - BitOperations.PopCount(Vector512.Equals(current, previous).ExtractMostSignificantBits());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint StoreChangedLabels(Vector512<float> indices, int[] labels, int index, Span<int> previous)
    {
        ref int target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labels), index);
        Vector512<int> current = Vector512.ConvertToInt32(indices);
        Vector512<int> before = Vector512.LoadUnsafe(ref target);
        before.CopyTo(previous);
        current.StoreUnsafe(ref target);
        return (uint)(~Vector512.Equals(current, before).ExtractMostSignificantBits() & AllLanes);
    }

    static int IDoubleLanes<Vector512<double>>.Count => Vector512<double>.Count;

    static Vector512<double> IDoubleLanes<Vector512<double>>.Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Create(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double[] source, int index)
        => Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LoadWidened(float[] source, int index)
        => Vector512.WidenLower(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index).ToVector512Unsafe());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Gather(ReadOnlySpan<double> table, ReadOnlySpan<int> offsets)
        => Vector512.Create(table[offsets[0]], table[offsets[1]], table[offsets[2]], table[offsets[3]], table[offsets[4]], table[offsets[5]], table[offsets[6]], table[offsets[7]]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> left, Vector512<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> left, Vector512<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> left, Vector512<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddLanesTo(Vector512<double> value, double sum) => Lanes.AddLanes(value, sum);
}

/// <summary>256-bit lanes (AVX2): 8 floats or 4 doubles.</summary>
internal readonly partial struct Lanes256 : ISimdLanes<Vector256<float>>, IDoubleLanes<Vector256<double>>
{
    public static int Count => Vector256<float>.Count;

    /// <summary>One bit per lane.</summary>
    private const uint AllLanes = 0xFFu;

    public static Vector256<float> Zero => Vector256<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Create(float value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float[] source, int index)
        => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend)
        => Vector256.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> left, Vector256<float> right) => Vector256.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LessThan(Vector256<float> left, Vector256<float> right) => Vector256.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> EqualMask(Vector256<float> left, Vector256<float> right) => Vector256.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> And(Vector256<float> mask, Vector256<float> value) => mask & value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Select(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse)
        => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AddWhereEqual(Vector256<float> left, Vector256<float> right, Vector256<float> sum, Vector256<float> value)
        => sum + (Vector256.Equals(left, right) & value);

    public static Vector256<float> OnesInFirst(int count)
        => Vector256.ConditionalSelect(
            Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle(),
            Vector256<float>.One,
            Vector256<float>.Zero);

    public static void CopyTo(Vector256<float> value, Span<float> destination) => value.CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyWholeTo(Vector256<float> value, Span<int> destination) => Vector256.ConvertToInt32(value).CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddLanesTo(Vector256<float> value, double sum)
    {
        (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(value);
        return Lanes.AddLanes(upper, Lanes.AddLanes(lower, sum));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddLanesInto(Vector256<float> value, ref double target)
    {
        (Vector256<double> lower, Vector256<double> upper) = Vector256.Widen(value);
        ref double high = ref Unsafe.Add(ref target, Vector256<double>.Count);
        (Vector256.LoadUnsafe(ref target) + lower).StoreUnsafe(ref target);
        (Vector256.LoadUnsafe(ref high) + upper).StoreUnsafe(ref high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StoreLabels(Vector256<float> indices, int[] labels, int index)
    {
        ref int target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labels), index);
        Vector256<int> current = Vector256.ConvertToInt32(indices);
        Vector256<int> previous = Vector256.LoadUnsafe(ref target);
        current.StoreUnsafe(ref target);
        return Vector256<int>.Count - BitOperations.PopCount(Vector256.Equals(current, previous).ExtractMostSignificantBits());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint StoreChangedLabels(Vector256<float> indices, int[] labels, int index, Span<int> previous)
    {
        ref int target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labels), index);
        Vector256<int> current = Vector256.ConvertToInt32(indices);
        Vector256<int> before = Vector256.LoadUnsafe(ref target);
        before.CopyTo(previous);
        current.StoreUnsafe(ref target);
        return (uint)(~Vector256.Equals(current, before).ExtractMostSignificantBits() & AllLanes);
    }

    static int IDoubleLanes<Vector256<double>>.Count => Vector256<double>.Count;

    static Vector256<double> IDoubleLanes<Vector256<double>>.Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Create(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double[] source, int index)
        => Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LoadWidened(float[] source, int index)
        => Vector256.WidenLower(Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index).ToVector256Unsafe());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Gather(ReadOnlySpan<double> table, ReadOnlySpan<int> offsets)
        => Vector256.Create(table[offsets[0]], table[offsets[1]], table[offsets[2]], table[offsets[3]]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddLanesTo(Vector256<double> value, double sum) => Lanes.AddLanes(value, sum);
}

/// <summary>128-bit lanes (SSE, NEON): 4 floats or 2 doubles.</summary>
internal readonly partial struct Lanes128 : ISimdLanes<Vector128<float>>, IDoubleLanes<Vector128<double>>
{
    public static int Count => Vector128<float>.Count;

    /// <summary>One bit per lane.</summary>
    private const uint AllLanes = 0xFu;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Create(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float[] source, int index)
        => Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> left, Vector128<float> right, Vector128<float> addend)
        => Vector128.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> left, Vector128<float> right) => Vector128.MinNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LessThan(Vector128<float> left, Vector128<float> right) => Vector128.LessThan(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> EqualMask(Vector128<float> left, Vector128<float> right) => Vector128.Equals(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> And(Vector128<float> mask, Vector128<float> value) => mask & value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse)
        => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AddWhereEqual(Vector128<float> left, Vector128<float> right, Vector128<float> sum, Vector128<float> value)
        => sum + (Vector128.Equals(left, right) & value);

    public static Vector128<float> OnesInFirst(int count)
        => Vector128.ConditionalSelect(
            Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(count)).AsSingle(),
            Vector128<float>.One,
            Vector128<float>.Zero);

    public static void CopyTo(Vector128<float> value, Span<float> destination) => value.CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyWholeTo(Vector128<float> value, Span<int> destination) => Vector128.ConvertToInt32(value).CopyTo(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddLanesTo(Vector128<float> value, double sum)
    {
        (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(value);
        return Lanes.AddLanes(upper, Lanes.AddLanes(lower, sum));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddLanesInto(Vector128<float> value, ref double target)
    {
        (Vector128<double> lower, Vector128<double> upper) = Vector128.Widen(value);
        ref double high = ref Unsafe.Add(ref target, Vector128<double>.Count);
        (Vector128.LoadUnsafe(ref target) + lower).StoreUnsafe(ref target);
        (Vector128.LoadUnsafe(ref high) + upper).StoreUnsafe(ref high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StoreLabels(Vector128<float> indices, int[] labels, int index)
    {
        ref int target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labels), index);
        Vector128<int> current = Vector128.ConvertToInt32(indices);
        Vector128<int> previous = Vector128.LoadUnsafe(ref target);
        current.StoreUnsafe(ref target);
        return Vector128<int>.Count - BitOperations.PopCount(Vector128.Equals(current, previous).ExtractMostSignificantBits());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint StoreChangedLabels(Vector128<float> indices, int[] labels, int index, Span<int> previous)
    {
        ref int target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(labels), index);
        Vector128<int> current = Vector128.ConvertToInt32(indices);
        Vector128<int> before = Vector128.LoadUnsafe(ref target);
        before.CopyTo(previous);
        current.StoreUnsafe(ref target);
        return (uint)(~Vector128.Equals(current, before).ExtractMostSignificantBits() & AllLanes);
    }

    static int IDoubleLanes<Vector128<double>>.Count => Vector128<double>.Count;

    static Vector128<double> IDoubleLanes<Vector128<double>>.Zero => Vector128<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Create(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(double[] source, int index)
        => Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(source), (nuint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LoadWidened(float[] source, int index)
        => Vector128.Create((double)source[index], source[index + 1]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Gather(ReadOnlySpan<double> table, ReadOnlySpan<int> offsets)
        => Vector128.Create(table[offsets[0]], table[offsets[1]]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> left, Vector128<double> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> left, Vector128<double> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> left, Vector128<double> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sqrt(Vector128<double> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddLanesTo(Vector128<double> value, double sum) => Lanes.AddLanes(value, sum);
}

/// <summary>One scalar lane: the fallback when no vector hardware is available. Masks are all-ones bit patterns.</summary>
internal readonly partial struct ScalarLane : ISimdLanes<float>, IDoubleLanes<double>
{
    private static readonly float AllOnes = BitConverter.Int32BitsToSingle(-1);

    public static int Count => 1;

    public static float Zero => 0f;

    public static float Create(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float[] source, int index) => source[index];

    public static float Add(float left, float right) => left + right;

    public static float Subtract(float left, float right) => left - right;

    public static float Multiply(float left, float right) => left * right;

    public static float FusedMultiplyAdd(float left, float right, float addend) => MathF.FusedMultiplyAdd(left, right, addend);

    public static float Min(float left, float right) => left < right ? left : right;

    public static float LessThan(float left, float right) => left < right ? AllOnes : 0f;

    public static float EqualMask(float left, float right) => left == right ? AllOnes : 0f;

    public static float And(float mask, float value)
        => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(mask) & BitConverter.SingleToInt32Bits(value));

    public static float Select(float mask, float whenTrue, float whenFalse)
        => BitConverter.SingleToInt32Bits(mask) != 0 ? whenTrue : whenFalse;

    public static float AddWhereEqual(float left, float right, float sum, float value) => left == right ? sum + value : sum;

    public static float OnesInFirst(int count) => count > 0 ? 1f : 0f;

    public static void CopyTo(float value, Span<float> destination) => destination[0] = value;

    public static void CopyWholeTo(float value, Span<int> destination) => destination[0] = (int)value;

    public static double AddLanesTo(float value, double sum) => sum + value;

    public static void AddLanesInto(float value, ref double target) => target += value;

    public static int StoreLabels(float indices, int[] labels, int index)
    {
        int current = (int)indices;
        int changed = labels[index] == current ? 0 : 1;
        labels[index] = current;
        return changed;
    }

    public static uint StoreChangedLabels(float indices, int[] labels, int index, Span<int> previous)
    {
        previous[0] = labels[index];
        return (uint)StoreLabels(indices, labels, index);
    }

    static int IDoubleLanes<double>.Count => 1;

    static double IDoubleLanes<double>.Zero => 0.0;

    public static double Create(double value) => value;

    public static double Load(double[] source, int index) => source[index];

    public static double LoadWidened(float[] source, int index) => source[index];

    public static double Gather(ReadOnlySpan<double> table, ReadOnlySpan<int> offsets) => table[offsets[0]];

    public static double Add(double left, double right) => left + right;

    public static double Subtract(double left, double right) => left - right;

    public static double Multiply(double left, double right) => left * right;

    public static double Sqrt(double value) => Math.Sqrt(value);

    public static double AddLanesTo(double value, double sum) => sum + value;
}

/// <summary>Lane reductions shared by the widths.</summary>
internal static class Lanes
{
    /// <summary>Adds the lanes of <paramref name="value"/> to <paramref name="sum"/> in lane order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddLanes<TVector>(TVector value, double sum)
        where TVector : unmanaged
    {
        ReadOnlySpan<double> lanes = MemoryMarshal.Cast<TVector, double>(new ReadOnlySpan<TVector>(in value));
        foreach (double lane in lanes)
        {
            sum += lane;
        }

        return sum;
    }
}
