using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Selection;

/// <summary>
/// Chooses the number of clusters: fits a clusterer (K-means unless another is given) for every K in a range, records
/// inertia and fit time per K (yellowbrick's KElbowVisualizer), scores every K of at least 2 by silhouette,
/// Calinski-Harabasz and Davies-Bouldin (scikit-learn's definitions), and picks K by the chosen
/// <see cref="KSelectionRule"/>. When the rule is <see cref="KSelectionRule.Gap"/> or
/// <see cref="ElbowOptions.GapReferences"/> is set, it also computes the gap statistic of every K (Tibshirani, Walther
/// &amp; Hastie 2001), fitting each reference data set with the same clusterer factory.
/// </summary>
/// <remarks>
/// When no knee exists the result says so (<see cref="ElbowResult.KneeFound"/> false, with the reason) and falls back
/// to the K with the highest silhouette (or the smallest K when no silhouette is defined); it never throws for that.
/// Every K's fit is kept in the result, so memory grows with the number of K times the rows.
/// Fits may run in parallel; the result is identical to a sequential run.
/// </remarks>
public sealed class ElbowSelector
{
    /// <summary>The restarts of the default clusterer: K-means with 10 restarts per K.</summary>
    public const int DefaultRestarts = 10;

    private readonly ClustererFactory _clusterers;

    /// <summary>Creates a selector.</summary>
    /// <param name="options">The settings; null means the defaults (K = 1..10, the elbow, seed 0).</param>
    /// <param name="clusterers">Makes the clusterer of each K; null means K-means with <see cref="DefaultRestarts"/> restarts.</param>
    /// <exception cref="ArgumentException">
    /// <see cref="ElbowOptions.MaxK"/> is less than <see cref="ElbowOptions.MinK"/>, or the rule is the gap statistic and
    /// <see cref="ElbowOptions.GapReferences"/> asks for other gap settings.
    /// </exception>
    public ElbowSelector(ElbowOptions? options = null, ClustererFactory? clusterers = null)
    {
        _clusterers = clusterers ?? KMeansClusterer.Factory(new KMeansOptions { NInit = DefaultRestarts });
        options ??= new ElbowOptions();
        if (options.MaxK < options.MinK)
        {
            throw new ArgumentException(
                $"MaxK ({options.MaxK}) is less than MinK ({options.MinK}); the range of K must not be empty.", nameof(options));
        }

        if (options.Rule.RequiredGap is { } required && options.GapReferences is int references
            && (references != required.References || options.GapReference != required.Reference))
        {
            throw new ArgumentException(
                $"The rule {options.Rule} brings its own gap settings, but GapReferences = {references} with {options.GapReference} asks for others; set one of the two.", nameof(options));
        }

        Options = options;
        GapSettings = options.Rule.RequiredGap ?? (options.GapReferences is int b ? new GapSettings(b, options.GapReference) : null);
    }

    /// <summary>The settings.</summary>
    public ElbowOptions Options { get; }

    /// <summary>The gap statistic to compute: the rule's, else the options', else none.</summary>
    private GapSettings? GapSettings { get; }

    /// <summary>Fits every K of the range on <paramref name="data"/> and chooses one.</summary>
    /// <remarks>
    /// An exception thrown by a fit, by the scores or by <paramref name="progress"/> propagates as itself (never
    /// wrapped in an <see cref="AggregateException"/>), whether the fits run in parallel or not; the fits still running
    /// are cancelled and no further K is started. When fits for several K fail at once, the smallest K's exception is
    /// thrown.
    /// </remarks>
    /// <param name="data">The (already scaled) rows.</param>
    /// <param name="progress">Told after each K is fitted and scored (its gap included, when computed), from worker threads when fits run in parallel; may be null.</param>
    /// <param name="cancellationToken">
    /// Checked before any fit, before each K, inside every fit (between iterations) and inside the scores (per row of
    /// the silhouette); a cancelled token stops the K still running and starts no other.
    /// </param>
    /// <returns>The curve, every K's fit, the knee and the chosen K.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ElbowOptions.MaxK"/> exceeds the number of rows.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ElbowResult Select(FeatureMatrix data, IProgress<ElbowProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        if (Options.MaxK > data.RowCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(data), data.RowCount, $"MaxK is {Options.MaxK} but the data has only {data.RowCount} rows; lower MaxK or add rows.");
        }

        int count = Options.MaxK - Options.MinK + 1;
        var fits = new ClusteringResult[count];
        var points = new ElbowPoint[count];
        GapReferences? gap = GapSettings is { } gapSettings ? new GapReferences(data, gapSettings, Options.Seed) : null;
        LightweightCoreset? coreset = gap is null && Options.Coreset.AppliesTo(data.RowCount) && SweepsKMeans()
            ? LightweightCoreset.Draw(data, Options.Coreset.Size, Options.Seed, cancellationToken)
            : null;
        // One sample serves every K's silhouette (drawn once: the same seeded rows each time).
        SilhouetteSample? sample = data.RowCount > Options.SilhouetteSampleSize
            ? SilhouetteSample.Draw(data, Options.SilhouetteSampleSize, Options.Seed)
            : null;
        int completed = 0;
        void FitOne(int i, CancellationToken stop)
        {
            int k = Options.MinK + i;
            long start = Stopwatch.GetTimestamp();
            var request = new ClusteringRequest(k, Options.Seed, Options.MaxDegreeOfParallelism);
            ClusteringResult fit = coreset is not null && _clusterers(request) is KMeansClusterer kmeans
                ? kmeans.Assign(data, kmeans.Fit(coreset.Rows, coreset.Weights, stop), stop)
                : _clusterers.FitChecked(request, data, stop);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            fits[i] = fit;
            ElbowPoint point = Score(data, sample, fit, elapsed, stop);
            if (gap is not null)
            {
                (double? value, double? error) = gap.Gap(k, fit.Inertia, _clusterers, Options.MaxDegreeOfParallelism, stop);
                point = point with { Gap = value, GapStandardError = error };
            }

            points[i] = point;
            progress?.Report(new ElbowProgress(point, Interlocked.Increment(ref completed), count));
        }

        ParallelFits.Run(count, Options.MaxDegreeOfParallelism, Options.FitInParallel, FitOne, cancellationToken);

        ImmutableArray<ElbowPoint> curve = [.. points];
        Knee knee = FindKnee(curve);
        (int chosen, string reason) = Options.Rule.Choose(curve, knee);
        if (coreset is not null)
        {
            // The chosen K finishes on every row from its coreset centres; its point is rescored from that fit.
            int at = chosen - Options.MinK;
            long start = Stopwatch.GetTimestamp();
            var kmeans = (KMeansClusterer)_clusterers(new ClusteringRequest(chosen, Options.Seed, Options.MaxDegreeOfParallelism));
            ClusteringResult finished = kmeans.Refine(data, fits[at], cancellationToken);
            fits[at] = finished;
            points[at] = Score(data, sample, finished, points[at].FitTime + Stopwatch.GetElapsedTime(start), cancellationToken);
            curve = [.. points];
            reason += string.Create(
                CultureInfo.InvariantCulture,
                $" Every K was fitted on a coreset of {coreset.Rows.RowCount:N0} rows and scored on all {data.RowCount:N0}; K = {chosen} then finished on all rows.");
        }

        int? gapChoice = null;
        if (GapSettings is { } settings && GapStatistic.Choose(curve, settings) is { } byGap)
        {
            gapChoice = byGap.K;
            if (byGap.K != chosen)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $" The gap statistic disagrees: it chooses K = {byGap.K}. {byGap.Reason}");
            }
        }

        return new ElbowResult(curve, [.. fits], knee, Options.Rule, chosen, reason, gapChoice, coreset?.Rows.RowCount);
    }

    /// <summary>Whether the clusterer factory makes the built-in K-means (the only clusterer a coreset sweep serves).</summary>
    private bool SweepsKMeans()
        => _clusterers(new ClusteringRequest(Options.MinK, Options.Seed, Options.MaxDegreeOfParallelism)) is KMeansClusterer;

    private ElbowPoint Score(FeatureMatrix data, SilhouetteSample? sample, ClusteringResult fit, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        double? silhouette = null;
        double? calinskiHarabasz = null;
        double? daviesBouldin = null;
        int nonEmpty = fit.ClusterSizes.Count(size => size > 0);
        if (nonEmpty >= 2 && nonEmpty <= data.RowCount - 1)
        {
            ReadOnlySpan<int> labels = fit.Labels.AsSpan();
            (double ch, double db) = ClusterQuality.CalinskiHarabaszAndDaviesBouldin(data, labels, cancellationToken);
            calinskiHarabasz = ch;
            daviesBouldin = db;
            silhouette = Silhouette(data, sample, labels, cancellationToken);
        }

        double? bic = null, aic = null;
        if (fit.Model is ILikelihoodModel likelihood)
        {
            bic = InformationCriteria.Bic(likelihood);
            aic = InformationCriteria.Aic(likelihood);
        }
        else if (Options.Rule.RequiresLikelihood)
        {
            throw new InvalidOperationException(
                $"The K rule {Options.Rule} needs each fit's likelihood, but the clusterer's model {fit.Model.GetType().Name} has none (it is not an ILikelihoodModel); use a probabilistic clusterer such as GaussianMixtureClusterer, or another K rule.");
        }

        return new ElbowPoint(fit.K, fit.Inertia, elapsed, silhouette, calinskiHarabasz, daviesBouldin, fit.Iterations, fit.Converged, Bic: bic, Aic: aic);
    }

    private double? Silhouette(FeatureMatrix data, SilhouetteSample? sample, ReadOnlySpan<int> labels, CancellationToken cancellationToken)
    {
        if (sample is null)
        {
            return ClusterQuality.Silhouette(data, labels, maxDegreeOfParallelism: Options.MaxDegreeOfParallelism, cancellationToken: cancellationToken);
        }

        try
        {
            return sample.Score(labels, Options.MaxDegreeOfParallelism, cancellationToken);
        }
        catch (ArgumentException)
        {
            // The seeded sample holds a single cluster (one cluster dwarfs the rest): the score is undefined there.
            return null;
        }
    }

    private Knee FindKnee(ImmutableArray<ElbowPoint> curve)
    {
        double[] ks = curve.Select(p => (double)p.K).ToArray();
        double[] inertias = curve.Select(p => p.Inertia).ToArray();
        return curve.Length >= 2
            ? Kneedle.Find(ks, inertias, Options.Rule.KneeSensitivity)
            : Knee.None($"No 'knee' or 'elbow' point detected: only K = {curve[0].K} was fitted.", [], [], []);
    }
}
