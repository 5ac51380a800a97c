using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Selection;

/// <summary>
/// The reference side of the gap statistic for one sweep: B reference data sets drawn once (on first use, from
/// seeds derived from the sweep's seed) and shared by every K, each fitted with the sweep's clusterer factory.
/// </summary>
internal sealed class GapReferences
{
    private readonly Lazy<FeatureMatrix>[] _sets;
    private readonly int[] _fitSeeds;

    public GapReferences(FeatureMatrix data, GapSettings settings, int seed)
    {
        Func<Xoshiro256StarStar, FeatureMatrix> sampler = settings.Reference.Sampler(data);
        var master = new Xoshiro256StarStar(seed);
        _sets = new Lazy<FeatureMatrix>[settings.References];
        _fitSeeds = new int[settings.References];
        for (int b = 0; b < _sets.Length; b++)
        {
            int drawSeed = master.Next();
            _fitSeeds[b] = master.Next();
            _sets[b] = new Lazy<FeatureMatrix>(() => sampler(new Xoshiro256StarStar(drawSeed, threadSafe: false)), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>
    /// Gap(k) = mean over the references of log W*_k minus log W_k, and s_k = sd(log W*_k) · sqrt(1 + 1/B) (population
    /// SD, as Tibshirani et al.). Null when a W is zero (as many clusters as distinct rows), where the log is undefined.
    /// </summary>
    public (double? Gap, double? StandardError) Gap(int k, double inertia, ClustererFactory clusterers, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var logs = new double[_sets.Length];
        for (int b = 0; b < logs.Length; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            logs[b] = Math.Log(clusterers.FitChecked(new ClusteringRequest(k, _fitSeeds[b], maxDegreeOfParallelism), _sets[b].Value, cancellationToken).Inertia);
        }

        return GapStatistic.Of(logs, inertia);
    }
}

/// <summary>How many reference sets the gap statistic draws, and from where.</summary>
internal sealed record GapSettings(int References, GapReference Reference)
{
    public string Description => $"B = {References} references {Reference.Description}";
}

/// <summary>The gap statistic's formulas.</summary>
internal static class GapStatistic
{
    /// <summary>Gap and s_k from the reference log-inertias and the data's inertia; null when not finite.</summary>
    public static (double? Gap, double? StandardError) Of(ReadOnlySpan<double> referenceLogs, double inertia)
    {
        double mean = 0;
        foreach (double log in referenceLogs)
        {
            mean += log;
        }

        mean /= referenceLogs.Length;
        double squares = 0;
        foreach (double log in referenceLogs)
        {
            squares += (log - mean) * (log - mean);
        }

        double sd = Math.Sqrt(squares / referenceLogs.Length);
        double gap = mean - Math.Log(inertia);
        double error = sd * Math.Sqrt(1 + (1.0 / referenceLogs.Length));
        return double.IsFinite(gap) && double.IsFinite(error) ? (gap, error) : (null, null);
    }

    /// <summary>
    /// The smallest K of the curve with Gap(K) &gt;= Gap(K+1) - s_(K+1); the largest K with a gap when none is (R's
    /// <c>cluster::maxSE</c>, "Tibs2001SEmax"); null when no K has a gap.
    /// </summary>
    public static (int K, string Reason)? Choose(IReadOnlyList<ElbowPoint> curve, GapSettings settings)
    {
        string range = FormattableString.Invariant($"K = {curve[0].K}..{curve[^1].K}");
        for (int i = 0; i + 1 < curve.Count; i++)
        {
            if (curve[i].Gap is double gap && curve[i + 1].Gap is double next && curve[i + 1].GapStandardError is double error && gap >= next - error)
            {
                int k = curve[i].K;
                return (k, FormattableString.Invariant(
                    $"Gap statistic ({settings.Description}): K = {k} is the smallest K of {range} with Gap({k}) = {gap:0.####} >= Gap({k + 1}) - s_{k + 1} = {next - error:0.####}."));
            }
        }

        ElbowPoint? last = curve.LastOrDefault(p => p.Gap is not null);
        return last is null
            ? null
            : (last.K, FormattableString.Invariant($"Gap statistic ({settings.Description}): no K of {range} has Gap(K) >= Gap(K+1) - s_(K+1), so the largest, K = {last.K}, was taken."));
    }
}
