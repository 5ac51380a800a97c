using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace CustomerSegmentation.Benchmarks.Clustering;

/// <summary>
/// The floor under one Lloyd iteration: the distance-and-argmin loop alone (no sums, no label comparison, one thread)
/// over 2^20 uniform rows of d = 3 and K = 8 fixed centres, 16 rows per 512-bit vector, in the forms issue 12 weighed.
/// <see cref="Direct"/> is the library kernel's form: (x - c)^2 summed by a multiply and two fused multiply-adds, then
/// a compare, a masked broadcast of the cluster's index and a minimum: 9 vector operations per cluster and vector.
/// The blend form has the same count; the others need fewer operations. The packed ones are not exact (the cluster's index replaces the distance's
/// 3 lowest bits, so two clusters within 8 units in the last place tie), and the expanded one (|c|^2 - 2 x.c) rounds
/// differently from the direct distance. <see cref="DependentAdds"/> is a chain of 40M dependent integer operations
/// (one per cycle), so its time gives the clock in the same run: cycles per cluster and vector = time x clock / 2^19.
/// </summary>
public class DistanceLoopBenchmarks
{
    private const int Rows = 1 << 20;
    private const int Clusters = 8;
    private const int ChainSteps = 10_000_000;

    private readonly float[] _x0 = new float[Rows];
    private readonly float[] _x1 = new float[Rows];
    private readonly float[] _x2 = new float[Rows];
    private readonly float[] _centres = new float[Clusters * 3];
    private readonly float[] _expanded = new float[Clusters * 4];
    private readonly int[] _labels = new int[Rows];

    /// <summary>Draws centred uniform rows and centres (seed 1), and the expanded form's -2c and |c|^2.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (int i = 0; i < Rows; i++)
        {
            _x0[i] = (float)random.NextDouble() - 0.5f;
            _x1[i] = (float)random.NextDouble() - 0.5f;
            _x2[i] = (float)random.NextDouble() - 0.5f;
        }

        for (int i = 0; i < _centres.Length; i++)
        {
            _centres[i] = (float)random.NextDouble() - 0.5f;
        }

        for (int k = 0; k < Clusters; k++)
        {
            float c0 = _centres[k * 3], c1 = _centres[(k * 3) + 1], c2 = _centres[(k * 3) + 2];
            _expanded[k * 4] = -2 * c0;
            _expanded[(k * 4) + 1] = -2 * c1;
            _expanded[(k * 4) + 2] = -2 * c2;

            // The constant 2 keeps every expanded distance positive, so its bits order as integers do.
            _expanded[(k * 4) + 3] = 2 + (c0 * c0) + (c1 * c1) + (c2 * c2);
        }
    }

    /// <summary>The kernel's form: 3 subtractions, a multiply, 2 fused multiply-adds, a compare, a masked broadcast and a minimum.</summary>
    [Benchmark(Baseline = true)]
    public int Direct() => ExactArgmin<DirectDistance, KeepMinimum>(_centres);

    /// <summary>The kernel's form with the minimum replaced by a blend under the compare's mask (the same labels).</summary>
    [Benchmark]
    public int DirectWithBlend() => ExactArgmin<DirectDistance, KeepBlend>(_centres);

    /// <summary>|c|^2 - 2 x.c by 3 fused multiply-adds, then the same compare, masked broadcast and minimum (6 operations).</summary>
    [Benchmark]
    public int Expanded() => ExactArgmin<ExpandedDistance, KeepMinimum>(_expanded);

    /// <summary>The direct distance with the cluster's index in its 3 lowest bits and an integer minimum (8 operations; not exact).</summary>
    [Benchmark]
    public int PackedIndex() => PackedArgmin<DirectDistance>(_centres);

    /// <summary>The expanded distance with the packed index (5 operations; not exact).</summary>
    [Benchmark]
    public int ExpandedPackedIndex() => PackedArgmin<ExpandedDistance>(_expanded);

    /// <summary>40M dependent integer operations (add, xor, add, xor per step): about one cycle each, so the time is 40M cycles.</summary>
    [Benchmark]
    public long DependentAdds() => Chain(1);

    /// <summary>
    /// The same chain on this thread and on a second one at once: as long as <see cref="DependentAdds"/> when the
    /// machine's second core is free and a core of its own, up to twice as long when both threads share one core's
    /// time. The ratio of the two says how much a second thread can give on the machine at the time of the run.
    /// </summary>
    [Benchmark]
    public long DependentAddsSideBySide()
    {
        long other = 0;
        var second = new Thread(() => other = Chain(2));
        second.Start();
        long mine = Chain(1);
        second.Join();
        return mine ^ other;
    }

    /// <summary>The chain of <see cref="DependentAdds"/>, starting from <paramref name="b"/>.</summary>
    private static long Chain(long b)
    {
        long a = 0;
        for (long i = 0; i < ChainSteps; i++)
        {
            a += b;
            a ^= i;
            a += b;
            a ^= i;
        }

        return a;
    }

    /// <summary>The first nearest centre per row, with the distance form and the running minimum's update as type arguments (so the JIT inlines both).</summary>
    private int ExactArgmin<TDistance, TKeep>(float[] constants)
        where TDistance : struct, IDistanceForm
        where TKeep : struct, IBestUpdate
    {
        for (int i = 0; i < Rows; i += Vector512<float>.Count)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref _x0[i]), x1 = Vector512.LoadUnsafe(ref _x1[i]), x2 = Vector512.LoadUnsafe(ref _x2[i]);
            Vector512<float> best = Vector512.Create(float.PositiveInfinity);
            Vector512<int> nearest = Vector512<int>.Zero;
            for (int k = 0; k < Clusters; k++)
            {
                Vector512<float> distance = TDistance.Of(constants, x0, x1, x2, k);
                Vector512<float> nearer = Vector512.LessThan(distance, best);
                nearest = Vector512.ConditionalSelect(nearer.AsInt32(), Vector512.Create(k), nearest);
                best = TKeep.Best(nearer, distance, best);
            }

            nearest.StoreUnsafe(ref _labels[i]);
        }

        return _labels[Rows - 1];
    }

    /// <summary>The nearest centre per row by an integer minimum over distances whose 3 lowest bits hold the cluster's index.</summary>
    private int PackedArgmin<TDistance>(float[] constants)
        where TDistance : struct, IDistanceForm
    {
        Vector512<uint> keep = Vector512.Create(~7u);
        for (int i = 0; i < Rows; i += Vector512<float>.Count)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref _x0[i]), x1 = Vector512.LoadUnsafe(ref _x1[i]), x2 = Vector512.LoadUnsafe(ref _x2[i]);
            Vector512<uint> best = Vector512.Create(uint.MaxValue);
            for (int k = 0; k < Clusters; k++)
            {
                Vector512<uint> packed = (TDistance.Of(constants, x0, x1, x2, k).AsUInt32() & keep) | Vector512.Create((uint)k);
                best = Vector512.Min(best, packed);
            }

            (best & Vector512.Create(7u)).AsInt32().StoreUnsafe(ref _labels[i]);
        }

        return _labels[Rows - 1];
    }

    /// <summary>A squared distance of 16 rows to centre k, from that form's per-centre constants.</summary>
    private interface IDistanceForm
    {
        static abstract Vector512<float> Of(float[] constants, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, int k);
    }

    /// <summary>How the running minimum takes a nearer distance.</summary>
    private interface IBestUpdate
    {
        static abstract Vector512<float> Best(Vector512<float> nearer, Vector512<float> distance, Vector512<float> best);
    }

    /// <summary>(x - c)^2 summed as the kernels sum it; the constants are the centres (3 per centre).</summary>
    private readonly struct DirectDistance : IDistanceForm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Of(float[] constants, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, int k)
        {
            Vector512<float> d0 = x0 - Vector512.Create(constants[k * 3]);
            Vector512<float> d1 = x1 - Vector512.Create(constants[(k * 3) + 1]);
            Vector512<float> d2 = x2 - Vector512.Create(constants[(k * 3) + 2]);
            return Vector512.FusedMultiplyAdd(d2, d2, Vector512.FusedMultiplyAdd(d1, d1, d0 * d0));
        }
    }

    /// <summary>2 + |c|^2 - 2 x.c; the constants are -2c and 2 + |c|^2 (4 per centre).</summary>
    private readonly struct ExpandedDistance : IDistanceForm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Of(float[] constants, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, int k)
        {
            Vector512<float> distance = Vector512.FusedMultiplyAdd(x0, Vector512.Create(constants[k * 4]), Vector512.Create(constants[(k * 4) + 3]));
            distance = Vector512.FusedMultiplyAdd(x1, Vector512.Create(constants[(k * 4) + 1]), distance);
            return Vector512.FusedMultiplyAdd(x2, Vector512.Create(constants[(k * 4) + 2]), distance);
        }
    }

    /// <summary>The running minimum by a minimum (the kernels' choice).</summary>
    private readonly struct KeepMinimum : IBestUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Best(Vector512<float> nearer, Vector512<float> distance, Vector512<float> best) => Vector512.Min(distance, best);
    }

    /// <summary>The running minimum by a blend under the compare's mask.</summary>
    private readonly struct KeepBlend : IBestUpdate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Best(Vector512<float> nearer, Vector512<float> distance, Vector512<float> best) => Vector512.ConditionalSelect(nearer, distance, best);
    }
}
