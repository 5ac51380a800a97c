using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The double operations the Gaussian-mixture kernel needs beyond <see cref="IDoubleLanes{TDouble}"/>: the maximum,
/// the power-of-two scaling of <see cref="MixtureExponential"/> and the logarithm of a log-sum-exp, a division and a
/// store. Implemented by the same width structs.
/// </summary>
/// <remarks>
/// The exponential is <see cref="MixtureExponential"/>'s, the same operations at every width; the vector logarithm is
/// the BCL's (<c>Vector256.Log</c>), the scalar lane's <see cref="Math.Log(double)"/>: results agree across widths to a
/// few ulps, not bit for bit.
/// </remarks>
internal interface IMixtureLanes<TDouble> : IDoubleLanes<TDouble>
    where TDouble : unmanaged
{
    static abstract TDouble Max(TDouble left, TDouble right);

    /// <summary>
    /// <paramref name="value"/> · 2^n in every lane where <paramref name="exponent"/> holds the integer n as
    /// <c>n + 1.5 · 2^52</c> (n in its low mantissa bits, -1022 &lt;= n &lt;= 1023), and 0 in every lane where
    /// <paramref name="argument"/> is below <paramref name="floor"/>.
    /// </summary>
    static abstract TDouble ScaleByPowerOfTwo(TDouble value, TDouble exponent, TDouble argument, double floor);

    static abstract TDouble Log(TDouble value);

    static abstract TDouble Divide(TDouble left, TDouble right);

    /// <summary>Whether every lane of <paramref name="value"/> is below <paramref name="bound"/>.</summary>
    static abstract bool AllBelow(TDouble value, double bound);
}

/// <summary>The mixture operations on 512-bit lanes.</summary>
internal readonly partial struct Lanes512 : IMixtureLanes<Vector512<double>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> left, Vector512<double> right) => Vector512.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ScaleByPowerOfTwo(Vector512<double> value, Vector512<double> exponent, Vector512<double> argument, double floor)
    {
        Vector512<long> bits = Vector512.ShiftLeft(exponent.AsInt64() + Vector512.Create(MixtureExponential.ExponentBias), 52);
        return Vector512.AndNot(value * bits.AsDouble(), Vector512.LessThan(argument, Vector512.Create(floor)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> value) => Vector512.Log(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> left, Vector512<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllBelow(Vector512<double> value, double bound) => Vector512.LessThanAll(value, Vector512.Create(bound));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<double> value, double[] destination, int index) => value.CopyTo(destination, index);
}

/// <summary>The mixture operations on 256-bit lanes.</summary>
internal readonly partial struct Lanes256 : IMixtureLanes<Vector256<double>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> left, Vector256<double> right) => Vector256.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ScaleByPowerOfTwo(Vector256<double> value, Vector256<double> exponent, Vector256<double> argument, double floor)
    {
        Vector256<long> bits = Vector256.ShiftLeft(exponent.AsInt64() + Vector256.Create(MixtureExponential.ExponentBias), 52);
        return Vector256.AndNot(value * bits.AsDouble(), Vector256.LessThan(argument, Vector256.Create(floor)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> value) => Vector256.Log(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> left, Vector256<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllBelow(Vector256<double> value, double bound) => Vector256.LessThanAll(value, Vector256.Create(bound));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, double[] destination, int index) => value.CopyTo(destination, index);
}

/// <summary>The mixture operations on 128-bit lanes.</summary>
internal readonly partial struct Lanes128 : IMixtureLanes<Vector128<double>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Max(Vector128<double> left, Vector128<double> right) => Vector128.MaxNative(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ScaleByPowerOfTwo(Vector128<double> value, Vector128<double> exponent, Vector128<double> argument, double floor)
    {
        Vector128<long> bits = Vector128.ShiftLeft(exponent.AsInt64() + Vector128.Create(MixtureExponential.ExponentBias), 52);
        return Vector128.AndNot(value * bits.AsDouble(), Vector128.LessThan(argument, Vector128.Create(floor)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log(Vector128<double> value) => Vector128.Log(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Divide(Vector128<double> left, Vector128<double> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllBelow(Vector128<double> value, double bound) => Vector128.LessThanAll(value, Vector128.Create(bound));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<double> value, double[] destination, int index) => value.CopyTo(destination, index);
}

/// <summary>The mixture operations on one scalar lane.</summary>
internal readonly partial struct ScalarLane : IMixtureLanes<double>
{
    public static double Max(double left, double right) => Math.Max(left, right);

    public static double ScaleByPowerOfTwo(double value, double exponent, double argument, double floor)
        => argument < floor ? 0.0 : value * BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(exponent) + MixtureExponential.ExponentBias) << 52);

    public static double Log(double value) => Math.Log(value);

    public static double Divide(double left, double right) => left / right;

    public static bool AllBelow(double value, double bound) => value < bound;

    public static void Store(double value, double[] destination, int index) => destination[index] = value;
}
