using System.Collections.Immutable;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// One Lloyd step's map output for some rows and K fixed centres: per centre, the number of rows nearest to it (ties
/// to the lowest centre), the sum per feature of those rows minus <see cref="Origin"/>, and their inertia (sum of
/// squared distances to the centre). Partial sums of disjoint rows <see cref="Merge(KMeansPartialSums)"/> into the
/// sums of all of them, so a distributed engine can run the map on each part and the reduce in a fixed order; the new
/// centre of cluster k is <see cref="Centroid(int)"/>. Immutable.
/// </summary>
/// <remarks>
/// Sums are taken relative to an origin near the data's mean (the streamed fit uses the rounded column means, as
/// the in-memory fit does) so that they keep their precision in double. <see cref="Compute"/> runs the library's SIMD
/// Lloyd kernel, which measures distances in float32 on values minus the origin and accumulates sums in double.
/// </remarks>
public sealed class KMeansPartialSums
{
    private readonly long[] _counts;
    private readonly double[] _sums;
    private readonly double[] _inertia;

    private KMeansPartialSums(float[] origin, long[] counts, double[] sums, double[] inertia)
    {
        OriginValues = origin;
        Origin = [.. origin.Select(o => (double)o)];
        _counts = counts;
        _sums = sums;
        _inertia = inertia;
    }

    /// <summary>The number of centres (K).</summary>
    public int K => _counts.Length;

    /// <summary>The number of features.</summary>
    public int FeatureCount => Origin.Length;

    /// <summary>The point the sums are taken from, one value per feature (rounded to float32, as the kernels use it).</summary>
    public ImmutableArray<double> Origin { get; }

    /// <summary>The total number of rows.</summary>
    public long RowCount => _counts.Sum();

    /// <summary>The sum over centres of <see cref="Inertia(int)"/>, added in centre order.</summary>
    public double TotalInertia
    {
        get
        {
            double total = 0;
            foreach (double value in _inertia)
            {
                total += value;
            }

            return total;
        }
    }

    internal float[] OriginValues { get; }

    /// <summary>The rows nearest to centre <paramref name="cluster"/>.</summary>
    /// <param name="cluster">The centre, 0 to K - 1.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cluster"/> lies outside 0..K - 1.</exception>
    public long Count(int cluster) => _counts[CheckCluster(cluster)];

    /// <summary>The sum over the rows nearest to centre <paramref name="cluster"/> of feature <paramref name="feature"/> minus its origin.</summary>
    /// <param name="cluster">The centre, 0 to K - 1.</param>
    /// <param name="feature">The feature, 0 to <see cref="FeatureCount"/> - 1.</param>
    /// <returns>The sum, in the feature's units.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The centre or the feature is out of range.</exception>
    public double Sum(int cluster, int feature)
    {
        CheckCluster(cluster);
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        return _sums[(cluster * FeatureCount) + feature];
    }

    /// <summary>The sum of squared Euclidean distances from the rows nearest to centre <paramref name="cluster"/> to it.</summary>
    /// <param name="cluster">The centre, 0 to K - 1.</param>
    /// <returns>The inertia, in squared units.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cluster"/> lies outside 0..K - 1.</exception>
    public double Inertia(int cluster) => _inertia[CheckCluster(cluster)];

    /// <summary>The mean of the rows nearest to centre <paramref name="cluster"/> (Lloyd's new centre), in the data's units.</summary>
    /// <param name="cluster">The centre, 0 to K - 1.</param>
    /// <returns>One value per feature; null when no row is nearest to that centre.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cluster"/> lies outside 0..K - 1.</exception>
    public double[]? Centroid(int cluster)
    {
        long count = Count(cluster);
        if (count == 0)
        {
            return null;
        }

        var centroid = new double[FeatureCount];
        for (int j = 0; j < centroid.Length; j++)
        {
            centroid[j] = Origin[j] + (_sums[(cluster * FeatureCount) + j] / count);
        }

        return centroid;
    }

    /// <summary>
    /// The partial sums of the rows of <paramref name="chunk"/> for <paramref name="centres"/>: each row assigned to its
    /// nearest centre by the SIMD Lloyd kernel (in parallel over fixed blocks whose sums are added in block order, so
    /// the result is the same for any degree of parallelism).
    /// </summary>
    /// <param name="chunk">The rows.</param>
    /// <param name="centres">K centres by features, in the data's units.</param>
    /// <param name="origin">One value per feature, subtracted before distances and sums (rounded to float32); near the data's mean is best.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 for one per processor.</param>
    /// <returns>The partial sums.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The centres or the origin have another number of features than the chunk, there is no centre, or a value is not finite; the message names which.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than -1.</exception>
    public static KMeansPartialSums Compute(FeatureMatrix chunk, double[,] centres, IReadOnlyList<double> origin, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(centres);
        ArgumentNullException.ThrowIfNull(origin);
        ClusteringChecks.MaxDegreeOfParallelism(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));
        int features = chunk.FeatureCount;
        int clusters = centres.GetLength(0);
        if (clusters == 0 || centres.GetLength(1) != features)
        {
            throw new ArgumentException($"The centres are {clusters} by {centres.GetLength(1)} but the chunk has {features} features; give at least one centre with one value per feature.", nameof(centres));
        }

        if (origin.Count != features)
        {
            throw new ArgumentException($"The origin has {origin.Count} values but the chunk has {features} features.", nameof(origin));
        }

        float[] offset = [.. origin.Select(o => (float)o)];
        var centred = new double[clusters * features];
        for (int k = 0; k < clusters; k++)
        {
            for (int j = 0; j < features; j++)
            {
                double value = centres[k, j];
                if (!double.IsFinite(value) || !double.IsFinite(origin[j]))
                {
                    throw new ArgumentException($"Centre {k} (feature '{chunk.FeatureNames[j]}') or the origin is not a finite number.", nameof(centres));
                }

                centred[(k * features) + j] = value - offset[j];
            }
        }

        var input = new KMeansInput(chunk, offset, maxDegreeOfParallelism, VectorWidths.Best);
        var sums = new double[clusters * (features + 1)];
        var labels = new int[chunk.RowCount];
        StreamedLloyd.AddChunk(input, LloydRun.ToFloat(centred), clusters, labels, sums);
        double[] dataUnits = LloydRun.DataUnits(offset, centred);
        var inertia = new double[clusters];
        for (int i = 0; i < chunk.RowCount; i++)
        {
            int c = labels[i] * features;
            double distance = 0;
            for (int j = 0; j < features; j++)
            {
                double delta = chunk[i, j] - dataUnits[c + j];
                distance += delta * delta;
            }

            inertia[labels[i]] += distance;
        }

        return FromKernelSums(offset, sums, inertia);
    }

    /// <summary>
    /// Partial sums computed elsewhere (by a database, see <see cref="KMeansSqlStep"/>, or by another process).
    /// </summary>
    /// <param name="origin">The origin the sums are taken from, one value per feature (rounded to float32).</param>
    /// <param name="counts">The rows per centre.</param>
    /// <param name="sums">Per centre (rows) and feature (columns), the sum of the rows' values minus the origin.</param>
    /// <param name="inertia">Per centre, the sum of the rows' squared distances to it.</param>
    /// <returns>The partial sums.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths disagree, there is no centre, a count is negative or a value is not finite; the message names which.</exception>
    public static KMeansPartialSums FromValues(IReadOnlyList<double> origin, IReadOnlyList<long> counts, double[,] sums, IReadOnlyList<double> inertia)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(inertia);
        int clusters = counts.Count;
        int features = origin.Count;
        if (clusters == 0 || features == 0 || sums.GetLength(0) != clusters || sums.GetLength(1) != features || inertia.Count != clusters)
        {
            throw new ArgumentException(
                $"There are {clusters} counts, {inertia.Count} inertias, {sums.GetLength(0)} by {sums.GetLength(1)} sums and {features} origin values; give one count, inertia and row of sums per centre and one sum per feature.",
                nameof(sums));
        }

        var flat = new double[clusters * features];
        for (int k = 0; k < clusters; k++)
        {
            if (counts[k] < 0 || !double.IsFinite(inertia[k]) || inertia[k] < 0)
            {
                throw new ArgumentException($"Centre {k} has count {counts[k]} and inertia {inertia[k]}; both must be non-negative and finite.", nameof(counts));
            }

            for (int j = 0; j < features; j++)
            {
                flat[(k * features) + j] = double.IsFinite(sums[k, j])
                    ? sums[k, j]
                    : throw new ArgumentException($"The sum of centre {k}, feature {j} is not a finite number.", nameof(sums));
            }
        }

        return new KMeansPartialSums([.. origin.Select(o => (float)o)], [.. counts], flat, [.. inertia]);
    }

    /// <summary>Merges partial sums in the order given: the first plus the second, plus the third, and so on.</summary>
    /// <param name="parts">Partial sums for the same K, features and origin, of disjoint rows.</param>
    /// <returns>The sums of all their rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no part, or two parts differ in K, features or origin.</exception>
    public static KMeansPartialSums Merge(IEnumerable<KMeansPartialSums> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        KMeansPartialSums? total = null;
        foreach (KMeansPartialSums part in parts)
        {
            total = total is null ? part : total.Merge(part);
        }

        return total ?? throw new ArgumentException("There are no partial sums to merge.", nameof(parts));
    }

    /// <summary>These sums plus <paramref name="other"/>'s (counts, sums and inertia added per centre, this one's first).</summary>
    /// <param name="other">Partial sums of other rows for the same K, features and origin.</param>
    /// <returns>The merged sums.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The two differ in K, features or origin.</exception>
    public KMeansPartialSums Merge(KMeansPartialSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K || !other.OriginValues.AsSpan().SequenceEqual(OriginValues))
        {
            throw new ArgumentException(
                $"Partial sums for K = {other.K} with origin ({string.Join(", ", other.Origin)}) cannot merge into sums for K = {K} with origin ({string.Join(", ", Origin)}); both need the same centres and origin.",
                nameof(other));
        }

        var counts = new long[K];
        var sums = new double[_sums.Length];
        var inertia = new double[K];
        for (int k = 0; k < K; k++)
        {
            counts[k] = _counts[k] + other._counts[k];
            inertia[k] = _inertia[k] + other._inertia[k];
        }

        for (int s = 0; s < sums.Length; s++)
        {
            sums[s] = _sums[s] + other._sums[s];
        }

        return new KMeansPartialSums(OriginValues, counts, sums, inertia);
    }

    /// <summary>From the kernels' layout (per cluster the features' sums then the weight).</summary>
    internal static KMeansPartialSums FromKernelSums(float[] origin, double[] kernelSums, double[] inertia)
    {
        int features = origin.Length;
        int clusters = inertia.Length;
        var counts = new long[clusters];
        var sums = new double[clusters * features];
        for (int k = 0; k < clusters; k++)
        {
            int s = k * (features + 1);
            counts[k] = (long)kernelSums[s + features];
            Array.Copy(kernelSums, s, sums, k * features, features);
        }

        return new KMeansPartialSums(origin, counts, sums, inertia);
    }

    private int CheckCluster(int cluster)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cluster);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cluster, K);
        return cluster;
    }
}
