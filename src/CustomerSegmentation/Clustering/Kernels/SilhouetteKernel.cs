using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// The exact O(N²) silhouette: the rows are copied to double columns sorted by cluster, so that for each sample the
/// distances to every member of one cluster are one contiguous vector loop at the data's width. For d = 1 to 4 each
/// distance is computed once and serves both rows (the symmetric pass); otherwise each row meets every row.
/// Each sample's value depends only on the data and the width, never on the thread that computed it, and the values
/// are summed in row order, so the result is bit-identical for any degree of parallelism.
/// </summary>
internal sealed class SilhouetteKernel
{
    private readonly double[][] _columns;
    private readonly int[] _rowOfPosition;
    private readonly int[] _clusterStart;
    private readonly int[] _sizes;
    private readonly int[] _labels;

    private SilhouetteKernel(in KernelColumns data, int[] labels, int clusterCount)
    {
        int n = data.RowCount;
        if (labels.Length != n)
        {
            throw new ArgumentException($"There are {labels.Length} labels for {n} rows; give one label per row.", nameof(labels));
        }

        _labels = labels;
        _sizes = new int[clusterCount];
        for (int i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)clusterCount)
            {
                throw new ArgumentException($"Row {i} has the label {labels[i]}; labels must be dense ids 0..{clusterCount - 1}.", nameof(labels));
            }

            _sizes[labels[i]]++;
        }

        int empty = Array.IndexOf(_sizes, 0);
        if (empty >= 0)
        {
            throw new ArgumentException($"Cluster {empty} has no rows; every dense id 0..{clusterCount - 1} needs at least one row.", nameof(labels));
        }

        _clusterStart = new int[clusterCount + 1];
        for (int c = 0; c < clusterCount; c++)
        {
            _clusterStart[c + 1] = _clusterStart[c] + _sizes[c];
        }

        // Counting sort of the rows by cluster (stable).
        _rowOfPosition = new int[n];
        int[] next = _clusterStart[..^1];
        for (int i = 0; i < n; i++)
        {
            _rowOfPosition[next[labels[i]]++] = i;
        }

        _columns = new double[data.FeatureCount][];
        for (int f = 0; f < _columns.Length; f++)
        {
            float[] source = data.Columns[f];
            double offset = data.Offset[f];
            double[] target = new double[n];
            for (int p = 0; p < n; p++)
            {
                target[p] = source[_rowOfPosition[p]] - offset;
            }

            _columns[f] = target;
        }
    }

    /// <summary>The mean silhouette of all rows, from the centred values of <paramref name="data"/> at its width (its weights are not used).</summary>
    /// <param name="data">The rows.</param>
    /// <param name="labels">The dense cluster id 0..<paramref name="clusterCount"/>-1 of each row; every id used at least once.</param>
    /// <param name="clusterCount">The number of clusters.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all.</param>
    /// <param name="cancellationToken">Checked before every row (each row is one pass over the data).</param>
    /// <returns>The mean over rows of (b - a) / max(a, b), a row alone in its cluster scoring 0.</returns>
    /// <exception cref="ArgumentException">The labels do not match the rows, are not dense ids, or leave a cluster empty.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static double Mean(in KernelColumns data, int[] labels, int clusterCount, int maxDegreeOfParallelism, CancellationToken cancellationToken = default)
        => Mean(data, labels, clusterCount, maxDegreeOfParallelism, symmetric: true, cancellationToken);

    /// <summary>The mean silhouette, choosing whether the symmetric pass may run.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="labels">The dense cluster id 0..<paramref name="clusterCount"/>-1 of each row; every id used at least once.</param>
    /// <param name="clusterCount">The number of clusters.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all.</param>
    /// <param name="cancellationToken">Checked between blocks of rows.</param>
    /// <returns>The mean over rows of (b - a) / max(a, b), a row alone in its cluster scoring 0.</returns>
    /// <param name="symmetric">False to pass every row against every row (each distance twice) even where the symmetric pass would run: the tests compare the two.</param>
    internal static double Mean(in KernelColumns data, int[] labels, int clusterCount, int maxDegreeOfParallelism, bool symmetric, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var kernel = new SilhouetteKernel(data, labels, clusterCount);
        double[] values = kernel.Samples(data.Width, maxDegreeOfParallelism, symmetric, cancellationToken);
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum / values.Length;
    }

    /// <summary>
    /// The sum of the Euclidean distances from <paramref name="query"/> to the rows in [<paramref name="start"/>,
    /// <paramref name="end"/>) of <paramref name="columns"/> (one double array per feature), whole vectors at
    /// <paramref name="width"/> first, in lane order, then the last rows one at a time.
    /// </summary>
    /// <param name="columns">The columns.</param>
    /// <param name="start">The first row.</param>
    /// <param name="end">One past the last row.</param>
    /// <param name="query">The point, one value per column.</param>
    /// <param name="width">The vector width.</param>
    /// <returns>The sum of distances.</returns>
    public static double SumOfDistances(double[][] columns, int start, int end, ReadOnlySpan<double> query, VectorWidth width)
        => width switch
        {
            VectorWidth.Bits512 => SumOfDistances<Lanes512, Vector512<double>>(columns, start, end, query),
            VectorWidth.Bits256 => SumOfDistances<Lanes256, Vector256<double>>(columns, start, end, query),
            VectorWidth.Bits128 => SumOfDistances<Lanes128, Vector128<double>>(columns, start, end, query),
            _ => SumOfDistances<ScalarLane, double>(columns, start, end, query),
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfDistances<TLanes, TDouble>(double[][] columns, int start, int end, ReadOnlySpan<double> query)
        where TLanes : struct, IDoubleLanes<TDouble>
        where TDouble : unmanaged
    {
        int p = start;
        TDouble total = TLanes.Zero;
        for (; p <= end - TLanes.Count; p += TLanes.Count)
        {
            TDouble squared = TLanes.Zero;
            for (int f = 0; f < query.Length; f++)
            {
                TDouble diff = TLanes.Subtract(TLanes.Load(columns[f], p), TLanes.Create(query[f]));
                squared = TLanes.Add(squared, TLanes.Multiply(diff, diff));
            }

            total = TLanes.Add(total, TLanes.Sqrt(squared));
        }

        double sum = TLanes.AddLanesTo(total, 0.0);
        for (; p < end; p++)
        {
            double squared = 0;
            for (int f = 0; f < query.Length; f++)
            {
                double diff = columns[f][p] - query[f];
                squared += diff * diff;
            }

            sum += Math.Sqrt(squared);
        }

        return sum;
    }

    /// <summary>The silhouette of each row, in row order.</summary>
    private double[] Samples(VectorWidth width, int maxDegreeOfParallelism, bool symmetric, CancellationToken cancellationToken)
    {
        if (symmetric && _columns.Length <= FeatureCounts.MaximumFixed && (long)_sizes.Length * _rowOfPosition.Length <= SymmetricLimit)
        {
            return _columns.Length switch
            {
                1 => SamplesSymmetric<OneFeature>(width, maxDegreeOfParallelism, cancellationToken),
                2 => SamplesSymmetric<TwoFeatures>(width, maxDegreeOfParallelism, cancellationToken),
                3 => SamplesSymmetric<ThreeFeatures>(width, maxDegreeOfParallelism, cancellationToken),
                _ => SamplesSymmetric<FourFeatures>(width, maxDegreeOfParallelism, cancellationToken),
            };
        }

        return _columns.Length switch
        {
            1 => Samples<OneFeature>(width, maxDegreeOfParallelism, cancellationToken),
            2 => Samples<TwoFeatures>(width, maxDegreeOfParallelism, cancellationToken),
            3 => Samples<ThreeFeatures>(width, maxDegreeOfParallelism, cancellationToken),
            4 => Samples<FourFeatures>(width, maxDegreeOfParallelism, cancellationToken),
            _ => SamplesOneByOne(width, maxDegreeOfParallelism, cancellationToken),
        };
    }

    /// <summary>
    /// The symmetric pass takes <see cref="SymmetricTasks"/> x clusters x rows doubles of scratch; above this many
    /// clusters x rows (16 MB per task) the rows are passed one block at a time against every row instead.
    /// </summary>
    internal const long SymmetricLimit = 1L << 21;

    /// <summary>The symmetric pass's fixed number of tasks: its sums depend on this, never on the thread count.</summary>
    internal const int SymmetricTasks = 4;

    /// <summary>
    /// For d = 1 to 4, every distance computed once (half the square roots of the one-sided pass): each block of
    /// <see cref="QueryBlock"/> consecutive rows (in cluster order) meets only the rows after it, adding each distance
    /// both to its own row's sum for the other row's cluster and, in its task's scratch, to the other row's sum for
    /// its own cluster. The blocks are split into <see cref="SymmetricTasks"/> fixed tasks of about equal work, and each
    /// row's sums add its own part and then the tasks' parts in task order, so the result does not depend on the thread
    /// count.
    /// </summary>
    private double[] SamplesSymmetric<TFeatures>(VectorWidth width, int maxDegreeOfParallelism, CancellationToken cancellationToken)
        where TFeatures : struct, IFeatureCount
    {
        int n = _rowOfPosition.Length;
        int clusters = _sizes.Length;
        int blocks = (n + QueryBlock - 1) / QueryBlock;
        int[] clusterOf = new int[n];
        for (int c = 0; c < clusters; c++)
        {
            clusterOf.AsSpan(_clusterStart[c], _sizes[c]).Fill(c);
        }

        // Task t takes blocks [taskStart[t], taskStart[t + 1]): block b meets the n - b x QueryBlock rows from it on.
        var taskStart = new int[SymmetricTasks + 1];
        double work = (double)blocks * n;
        double done = 0;
        int task = 1;
        for (int b = 0; b < blocks && task < SymmetricTasks; b++)
        {
            done += n - ((double)b * QueryBlock);
            if (done >= work / 2 * task / SymmetricTasks)
            {
                taskStart[task++] = b + 1;
            }
        }

        for (; task <= SymmetricTasks; task++)
        {
            taskStart[task] = blocks;
        }

        var own = new double[n * clusters];
        var others = new double[SymmetricTasks][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, SymmetricTasks, options, t =>
        {
            var scratch = new double[clusters * n];
            for (int b = taskStart[t]; b < taskStart[t + 1] && !cancellationToken.IsCancellationRequested; b++)
            {
                int first = b * QueryBlock;
                SymmetricBlock<TFeatures>(width, first, Math.Min(QueryBlock, n - first), clusterOf, own, scratch);
            }

            others[t] = scratch;
        });
        cancellationToken.ThrowIfCancellationRequested();

        var values = new double[n];
        var sums = new double[clusters];
        for (int position = 0; position < n; position++)
        {
            for (int c = 0; c < clusters; c++)
            {
                double sum = own[(position * clusters) + c];
                foreach (double[] scratch in others)
                {
                    sum += scratch[(c * n) + position];
                }

                sums[c] = sum;
            }

            values[_rowOfPosition[position]] = SampleAt(position, sums);
        }

        return values;
    }

    private void SymmetricBlock<TFeatures>(VectorWidth width, int first, int count, int[] clusterOf, double[] own, double[] scratch)
        where TFeatures : struct, IFeatureCount
    {
        switch (width)
        {
            case VectorWidth.Bits512:
                SymmetricBlock<Lanes512, Vector512<double>, TFeatures>(first, count, clusterOf, own, scratch);
                break;
            case VectorWidth.Bits256:
                SymmetricBlock<Lanes256, Vector256<double>, TFeatures>(first, count, clusterOf, own, scratch);
                break;
            case VectorWidth.Bits128:
                SymmetricBlock<Lanes128, Vector128<double>, TFeatures>(first, count, clusterOf, own, scratch);
                break;
            default:
                SymmetricBlock<ScalarLane, double, TFeatures>(first, count, clusterOf, own, scratch);
                break;
        }
    }

    /// <summary>
    /// The distances from the <paramref name="count"/> rows at <paramref name="first"/> to every later row: per row and
    /// cluster into <paramref name="own"/> (rows x clusters), and per later row into <paramref name="scratch"/>
    /// (clusters x rows) under the block row's cluster; the pairs within the block go to <paramref name="own"/> both ways.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SymmetricBlock<TLanes, TDouble, TFeatures>(int first, int count, int[] clusterOf, double[] own, double[] scratch)
        where TLanes : struct, IDoubleLanes<TDouble>
        where TDouble : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        int n = clusterOf.Length;
        int clusters = _sizes.Length;
        double[][] columns = _columns;
        double[] column0 = columns[0];
        double[] column1 = d > 1 ? columns[1] : column0;
        double[] column2 = d > 2 ? columns[2] : column0;
        double[] column3 = d > 3 ? columns[3] : column0;
        Span<TDouble> queries = stackalloc TDouble[QueryBlock * FeatureCounts.MaximumFixed];
        Span<TDouble> totals = stackalloc TDouble[QueryBlock];
        Span<int> clusterOfQuery = stackalloc int[QueryBlock];
        for (int j = 0; j < count; j++)
        {
            for (int f = 0; f < d; f++)
            {
                queries[(j * FeatureCounts.MaximumFixed) + f] = TLanes.Create(columns[f][first + j]);
            }

            clusterOfQuery[j] = clusterOf[first + j];
        }

        bool oneCluster = clusterOfQuery[0] == clusterOfQuery[count - 1];
        int after = first + count;
        for (int c = 0; c < clusters; c++)
        {
            int start = Math.Max(_clusterStart[c], after);
            int end = _clusterStart[c + 1];
            if (start >= end)
            {
                continue;
            }

            for (int j = 0; j < count; j++)
            {
                totals[j] = TLanes.Zero;
            }

            int p = start;
            for (; p <= end - TLanes.Count; p += TLanes.Count)
            {
                TDouble x0 = TLanes.Load(column0, p);
                TDouble x1 = d > 1 ? TLanes.Load(column1, p) : x0;
                TDouble x2 = d > 2 ? TLanes.Load(column2, p) : x0;
                TDouble x3 = d > 3 ? TLanes.Load(column3, p) : x0;
                TDouble block = TLanes.Zero;
                for (int j = 0; j < count; j++)
                {
                    TDouble distance = Distance<TLanes, TDouble, TFeatures>(x0, x1, x2, x3, queries.Slice(j * FeatureCounts.MaximumFixed, FeatureCounts.MaximumFixed));
                    totals[j] = TLanes.Add(totals[j], distance);
                    if (oneCluster)
                    {
                        block = TLanes.Add(block, distance);
                    }
                    else
                    {
                        int target = (clusterOfQuery[j] * n) + p;
                        TLanes.Store(TLanes.Add(TLanes.Load(scratch, target), distance), scratch, target);
                    }
                }

                if (oneCluster)
                {
                    int target = (clusterOfQuery[0] * n) + p;
                    TLanes.Store(TLanes.Add(TLanes.Load(scratch, target), block), scratch, target);
                }
            }

            for (int j = 0; j < count; j++)
            {
                double sum = TLanes.AddLanesTo(totals[j], 0.0);
                for (int q = p; q < end; q++)
                {
                    double distance = ScalarDistance(columns, first + j, q, d);
                    sum += distance;
                    scratch[(clusterOfQuery[j] * n) + q] += distance;
                }

                own[((first + j) * clusters) + c] += sum;
            }
        }

        for (int j = 0; j < count; j++)
        {
            for (int k = j + 1; k < count; k++)
            {
                double distance = ScalarDistance(columns, first + j, first + k, d);
                own[((first + j) * clusters) + clusterOfQuery[k]] += distance;
                own[((first + k) * clusters) + clusterOfQuery[j]] += distance;
            }
        }
    }

    /// <summary>The Euclidean distance between the rows at positions <paramref name="p"/> and <paramref name="q"/> of <paramref name="columns"/>, one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ScalarDistance(double[][] columns, int p, int q, int features)
    {
        double squared = 0;
        for (int f = 0; f < features; f++)
        {
            double diff = columns[f][q] - columns[f][p];
            squared += diff * diff;
        }

        return Math.Sqrt(squared);
    }

    /// <summary>The distance from a vector of rows to the broadcast <paramref name="query"/> (subtract, multiply, add, in feature order, then the square root), in both passes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TDouble Distance<TLanes, TDouble, TFeatures>(TDouble x0, TDouble x1, TDouble x2, TDouble x3, ReadOnlySpan<TDouble> query)
        where TLanes : struct, IDoubleLanes<TDouble>
        where TDouble : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        TDouble diff = TLanes.Subtract(x0, query[0]);
        TDouble squared = TLanes.Multiply(diff, diff);
        if (d > 1)
        {
            diff = TLanes.Subtract(x1, query[1]);
            squared = TLanes.Add(squared, TLanes.Multiply(diff, diff));
        }

        if (d > 2)
        {
            diff = TLanes.Subtract(x2, query[2]);
            squared = TLanes.Add(squared, TLanes.Multiply(diff, diff));
        }

        if (d > 3)
        {
            diff = TLanes.Subtract(x3, query[3]);
            squared = TLanes.Add(squared, TLanes.Multiply(diff, diff));
        }

        return TLanes.Sqrt(squared);
    }

    private double[] SamplesOneByOne(VectorWidth width, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        int n = _rowOfPosition.Length;
        var values = new double[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            n,
            options,
            () => (Sums: new double[_sizes.Length], Query: new double[_columns.Length]),
            (position, _, buffers) =>
            {
                for (int f = 0; f < buffers.Query.Length; f++)
                {
                    buffers.Query[f] = _columns[f][position];
                }

                for (int c = 0; c < _sizes.Length; c++)
                {
                    buffers.Sums[c] = SumOfDistances(_columns, _clusterStart[c], _clusterStart[c + 1], buffers.Query, width);
                }

                values[_rowOfPosition[position]] = SampleAt(position, buffers.Sums);
                return buffers;
            },
            static _ => { });
        return values;
    }

    /// <summary>
    /// For d = 1 to 4: <see cref="QueryBlock"/> consecutive rows at a time, so that each vector of a cluster's
    /// columns is loaded once for the whole block; every row's sums take the same lane operations in the same order as
    /// <see cref="SumOfDistances(double[][], int, int, ReadOnlySpan{double}, VectorWidth)"/>, so the values are the same bit for bit.
    /// </summary>
    private double[] Samples<TFeatures>(VectorWidth width, int maxDegreeOfParallelism, CancellationToken cancellationToken)
        where TFeatures : struct, IFeatureCount
    {
        int n = _rowOfPosition.Length;
        int clusters = _sizes.Length;
        var values = new double[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            (n + QueryBlock - 1) / QueryBlock,
            options,
            () => (Sums: new double[QueryBlock * clusters], OfRow: new double[clusters]),
            (block, _, buffers) =>
            {
                int first = block * QueryBlock;
                int count = Math.Min(QueryBlock, n - first);
                for (int c = 0; c < clusters; c++)
                {
                    BlockSums<TFeatures>(width, _columns, _clusterStart[c], _clusterStart[c + 1], first, count, buffers.Sums.AsSpan(c * QueryBlock, count));
                }

                for (int j = 0; j < count; j++)
                {
                    for (int c = 0; c < clusters; c++)
                    {
                        buffers.OfRow[c] = buffers.Sums[(c * QueryBlock) + j];
                    }

                    values[_rowOfPosition[first + j]] = SampleAt(first + j, buffers.OfRow);
                }

                return buffers;
            },
            static _ => { });
        return values;
    }

    /// <summary>The rows whose distances one pass over a cluster serves.</summary>
    private const int QueryBlock = 4;

    private static void BlockSums<TFeatures>(VectorWidth width, double[][] columns, int start, int end, int first, int count, Span<double> sums)
        where TFeatures : struct, IFeatureCount
    {
        switch (width)
        {
            case VectorWidth.Bits512:
                BlockSums<Lanes512, Vector512<double>, TFeatures>(columns, start, end, first, count, sums);
                break;
            case VectorWidth.Bits256:
                BlockSums<Lanes256, Vector256<double>, TFeatures>(columns, start, end, first, count, sums);
                break;
            case VectorWidth.Bits128:
                BlockSums<Lanes128, Vector128<double>, TFeatures>(columns, start, end, first, count, sums);
                break;
            default:
                BlockSums<ScalarLane, double, TFeatures>(columns, start, end, first, count, sums);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlockSums<TLanes, TDouble, TFeatures>(double[][] columns, int start, int end, int first, int count, Span<double> sums)
        where TLanes : struct, IDoubleLanes<TDouble>
        where TDouble : unmanaged
        where TFeatures : struct, IFeatureCount
    {
        int d = TFeatures.Value;
        double[] column0 = columns[0];
        double[] column1 = d > 1 ? columns[1] : column0;
        double[] column2 = d > 2 ? columns[2] : column0;
        double[] column3 = d > 3 ? columns[3] : column0;
        Span<TDouble> queries = stackalloc TDouble[QueryBlock * FeatureCounts.MaximumFixed];
        Span<TDouble> totals = stackalloc TDouble[QueryBlock];
        for (int j = 0; j < count; j++)
        {
            for (int f = 0; f < d; f++)
            {
                queries[(j * FeatureCounts.MaximumFixed) + f] = TLanes.Create(columns[f][first + j]);
            }

            totals[j] = TLanes.Zero;
        }

        int p = start;
        for (; p <= end - TLanes.Count; p += TLanes.Count)
        {
            TDouble x0 = TLanes.Load(column0, p);
            TDouble x1 = d > 1 ? TLanes.Load(column1, p) : x0;
            TDouble x2 = d > 2 ? TLanes.Load(column2, p) : x0;
            TDouble x3 = d > 3 ? TLanes.Load(column3, p) : x0;
            for (int j = 0; j < count; j++)
            {
                ReadOnlySpan<TDouble> query = queries.Slice(j * FeatureCounts.MaximumFixed, FeatureCounts.MaximumFixed);
                totals[j] = TLanes.Add(totals[j], Distance<TLanes, TDouble, TFeatures>(x0, x1, x2, x3, query));
            }
        }

        for (int j = 0; j < count; j++)
        {
            double sum = TLanes.AddLanesTo(totals[j], 0.0);
            for (int q = p; q < end; q++)
            {
                sum += ScalarDistance(columns, first + j, q, d);
            }

            sums[j] = sum;
        }
    }

    private double SampleAt(int position, ReadOnlySpan<double> sums)
    {
        int own = _labels[_rowOfPosition[position]];
        int ownSize = _sizes[own];
        if (ownSize == 1)
        {
            return 0.0;
        }

        double a = sums[own] / (ownSize - 1);
        double b = double.PositiveInfinity;
        for (int c = 0; c < sums.Length; c++)
        {
            if (c != own)
            {
                b = Math.Min(b, sums[c] / _sizes[c]);
            }
        }

        double scale = Math.Max(a, b);
        return scale == 0.0 ? 0.0 : (b - a) / scale;
    }
}
