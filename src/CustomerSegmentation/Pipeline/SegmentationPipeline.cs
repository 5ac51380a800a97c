using System.Collections.Immutable;
using System.Globalization;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// One readable chain from customers to described segments: read, scale, choose K by the elbow (or fix it), cluster
/// with K-means, profile each segment. Every method returns a new pipeline, so a pipeline can be reused and shared.
/// </summary>
/// <example>
/// <code>
/// SegmentationResult result = SegmentationPipeline
///     .FromCsv("Mall_Customers.csv")
///     .WithId("CustomerID")
///     .WithFeatures("Age", "Annual Income (k$)", "Spending Score (1-100)")
///     .WithAttributes("Genre")
///     .Standardize()
///     .ChooseK(2, 10)
///     .WithSeed(42)
///     .Run();
/// </code>
/// </example>
public sealed record SegmentationPipeline
{
    /// <summary>The default number of K-means restarts per K.</summary>
    public const int DefaultRestarts = 10;

    private SegmentationPipeline(CustomerSource source) => Source = source;

    private CustomerSource Source { get; init; }

    private CustomerCsvOptions CsvOptions { get; init; } = CustomerCsvOptions.Default;

    private ImmutableArray<string>? Features { get; init; }

    private string? IdColumn { get; init; }

    private ImmutableArray<string> Attributes { get; init; } = [];

    private FeatureScaling Scaling { get; init; } = FeatureScaling.Standard;

    private int MinK { get; init; } = 1;

    private int MaxK { get; init; } = 10;

    private bool RangeChosen { get; init; }

    private int? FixedK { get; init; }

    private KSelectionStrategy Strategy { get; init; } = KSelectionStrategy.Elbow;

    private KMeansOptions KMeans { get; init; } = new() { NInit = DefaultRestarts };

    private IProgress<SegmentationProgress>? Progress { get; init; }

    /// <summary>Starts from a headed CSV file; features are picked with <see cref="WithFeatures"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Culture, delimiter, bad-row policy; null for the defaults (invariant culture, detected delimiter, fail fast).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static SegmentationPipeline FromCsv(string path, CustomerCsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SegmentationPipeline(new CustomerSource.Csv((features, csv) => CustomerCsv.Read(path, features, csv)))
        {
            CsvOptions = options ?? CustomerCsvOptions.Default,
        };
    }

    /// <summary>Starts from a headed CSV stream (UTF-8), read when the pipeline runs and left open.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static SegmentationPipeline FromCsv(Stream stream, CustomerCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new SegmentationPipeline(new CustomerSource.Csv((features, csv) => CustomerCsv.Read(stream, features, csv)))
        {
            CsvOptions = options ?? CustomerCsvOptions.Default,
        };
    }

    /// <summary>Starts from customers already in a <see cref="CustomerTable"/> (all its features unless <see cref="WithFeatures"/> picks some).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    public static SegmentationPipeline FromTable(CustomerTable customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return new SegmentationPipeline(new CustomerSource.Table(customers));
    }

    /// <summary>Starts from a feature matrix; customers are identified by their 1-based row numbers unless ids are given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ids"/> does not have one id per row.</exception>
    public static SegmentationPipeline FromMatrix(FeatureMatrix features, IReadOnlyList<string>? ids = null)
        => FromTable(CustomerTable.FromFeatures(features, ids));

    /// <summary>Starts from objects the application already holds, with a selector per feature.</summary>
    /// <typeparam name="T">The customer type.</typeparam>
    /// <param name="customers">The customers.</param>
    /// <param name="id">Each customer's id.</param>
    /// <param name="features">Each feature's name and how to read it from a customer.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No customers, no features, or a NaN or infinite value (the message names the customer row and feature).</exception>
    public static SegmentationPipeline From<T>(IEnumerable<T> customers, Func<T, string> id, params (string Name, Func<T, double> Value)[] features)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(features);
        List<T> list = [.. customers];
        double[][] columns = [.. features.Select(f => list.Select(f.Value).ToArray())];
        FeatureMatrix matrix = FeatureMatrix.FromColumns(columns, [.. features.Select(f => f.Name)]);
        return FromMatrix(matrix, [.. list.Select(id)]);
    }

    /// <summary>
    /// Starts from an RFM analysis: customers by recency, frequency and monetary value in original units, with their
    /// RFM segment, cell and (if given) spend tier kept as attributes, scaled by
    /// <see cref="FeatureScaling.LogStandard"/> (signed log, then z-scores) unless another scaling is chosen.
    /// </summary>
    /// <param name="rfm">The RFM analysis.</param>
    /// <param name="tiers">Each customer's spend tier from <see cref="Loyalty.SpendTiers.Assign"/>; optional.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rfm"/> is null.</exception>
    public static SegmentationPipeline FromRfm(Loyalty.RfmResult rfm, Loyalty.SpendTierAssignment? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        return FromTable(rfm.ToCustomerTable(tiers)) with { Scaling = FeatureScaling.LogStandard };
    }

    /// <summary>Picks the features to cluster on, by header name (case-insensitive, surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">No names, or a blank one.</exception>
    public SegmentationPipeline WithFeatures(params string[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length == 0 || features.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one feature, and no blank names.", nameof(features));
        }

        return this with { Features = [.. features] };
    }

    /// <summary>Names the CSV column holding customer ids (kept in exports and the report).</summary>
    /// <exception cref="ArgumentException"><paramref name="column"/> is null or blank.</exception>
    public SegmentationPipeline WithId(string column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        return this with { IdColumn = column };
    }

    /// <summary>Keeps extra columns (e.g. "Genre") for the profiles' composition, the exports and the report.</summary>
    /// <exception cref="ArgumentException">A blank name.</exception>
    public SegmentationPipeline WithAttributes(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Attribute column names cannot be blank.", nameof(columns));
        }

        return this with { Attributes = [.. columns] };
    }

    /// <summary>Scales each feature to zero mean and unit (population) standard deviation before clustering. The default.</summary>
    public SegmentationPipeline Standardize() => WithScaling(FeatureScaling.Standard);

    /// <summary>Scales each feature to [0, 1] before clustering.</summary>
    public SegmentationPipeline ScaleMinMax() => WithScaling(FeatureScaling.MinMax);

    /// <summary>Clusters the features in their own units.</summary>
    public SegmentationPipeline WithoutScaling() => WithScaling(FeatureScaling.None);

    /// <summary>Chooses the scaling.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An undefined value.</exception>
    public SegmentationPipeline WithScaling(FeatureScaling scaling)
    {
        if (!Enum.IsDefined(scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Scaling must be None, Standard, MinMax or LogStandard.");
        }

        return this with { Scaling = scaling };
    }

    /// <summary>Chooses K in [<paramref name="minK"/>, <paramref name="maxK"/>] by <paramref name="strategy"/> (default: the elbow). The default range is 1..10.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minK"/> is below 1, <paramref name="maxK"/> below <paramref name="minK"/>, or <paramref name="strategy"/> undefined.</exception>
    public SegmentationPipeline ChooseK(int minK, int maxK, KSelectionStrategy strategy = KSelectionStrategy.Elbow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, minK);
        if (!Enum.IsDefined(strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Strategy must be one of Elbow, MaxSilhouette, MaxCalinskiHarabasz or MinDaviesBouldin.");
        }

        return this with { MinK = minK, MaxK = maxK, RangeChosen = true, FixedK = null, Strategy = strategy };
    }

    /// <summary>Fixes K, skipping the elbow sweep.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public SegmentationPipeline WithK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return this with { FixedK = k };
    }

    /// <summary>Sets the seed of every random choice; the same seed gives the same segments, bit for bit.</summary>
    public SegmentationPipeline WithSeed(int seed) => this with { KMeans = KMeans with { Seed = seed } };

    /// <summary>Sets the K-means restarts per K (the best of them wins). The default is 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="restarts"/> is below 1.</exception>
    public SegmentationPipeline WithRestarts(int restarts) => this with { KMeans = KMeans with { NInit = restarts } };

    /// <summary>Replaces the K-means settings (their K is set by the pipeline).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SegmentationPipeline WithKMeansOptions(KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return this with { KMeans = options };
    }

    /// <summary>Limits the threads used; -1 (the default) uses every processor. Results do not depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">0 or below -1.</exception>
    public SegmentationPipeline WithMaxDegreeOfParallelism(int threads) => this with { KMeans = KMeans with { MaxDegreeOfParallelism = threads } };

    /// <summary>
    /// Reports progress, including each K of the elbow sweep. Fits for different K may run at the same time, so
    /// <see cref="IProgress{T}.Report"/> can be called from several threads at once.
    /// </summary>
    public SegmentationPipeline WithProgress(IProgress<SegmentationProgress>? progress) => this with { Progress = progress };

    /// <summary>Runs the pipeline.</summary>
    /// <param name="cancellationToken">Stops the run between K-means iterations.</param>
    /// <returns>The segments, their profiles, each customer's segment and a model.</returns>
    /// <exception cref="InvalidOperationException">A CSV source without <see cref="WithFeatures"/>.</exception>
    /// <exception cref="DataFormatException">The CSV is unreadable (the message names the line, column and text).</exception>
    /// <exception cref="FileNotFoundException">The CSV file does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException">More clusters asked for than there are customers.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public SegmentationResult Run(CancellationToken cancellationToken = default)
    {
        Report("Reading", 0, 1, "Reading customers");
        CustomerTable customers = Source.Load(Features is { } f ? f : null, IdColumn, Attributes, CsvOptions);
        Report("Reading", 1, 1, string.Create(CultureInfo.InvariantCulture, $"{customers.RowCount} customers, {customers.Features.FeatureCount} features"));

        Report("Scaling", 0, 1, $"{Scaling} scaling");
        FeatureScaler scaler = FeatureScaler.Fit(customers.Features, Scaling);
        FeatureMatrix scaled = scaler.Transform(customers.Features);
        cancellationToken.ThrowIfCancellationRequested();

        (ElbowResult? elbow, ClusteringResult clustering, string reason) = Cluster(scaled, cancellationToken);

        Report("Profiling", 0, 1, "Describing segments");
        ImmutableArray<ImmutableArray<double>> centres = [.. clustering.Centroids.Select(c => ImmutableArray.Create(scaler.InverseTransform(c.AsSpan())))];
        ImmutableArray<SegmentProfile> profiles = SegmentProfiler.Profile(
            customers, clustering.Labels.AsSpan(), [.. centres.Select(c => (IReadOnlyList<double>)c)], [.. customers.Attributes.Keys]);
        var segmentOfCluster = new int[clustering.K];
        foreach (SegmentProfile profile in profiles)
        {
            segmentOfCluster[profile.Cluster] = profile.Id;
        }

        ImmutableArray<string> ids = customers.Ids;
        var assignments = ImmutableArray.CreateBuilder<SegmentAssignment>(customers.RowCount);
        for (int i = 0; i < customers.RowCount; i++)
        {
            int cluster = clustering.Labels[i];
            SegmentProfile profile = profiles[segmentOfCluster[cluster] - 1];
            assignments.Add(new SegmentAssignment(ids[i], profile.Id, profile.Label, clustering.Model.Distance(scaled, i, cluster)));
        }

        var model = new SegmentationModel(
            scaler,
            clustering.Model,
            [.. profiles.Select(p => new SegmentDefinition(p.Id, p.Label, centres[p.Cluster]))],
            segmentOfCluster);
        Report("Profiling", 1, 1, string.Create(CultureInfo.InvariantCulture, $"{profiles.Length} segments described"));
        return new SegmentationResult(customers, scaler, elbow, reason, clustering, profiles, assignments.MoveToImmutable(), model);
    }

    private (ElbowResult? Elbow, ClusteringResult Clustering, string Reason) Cluster(FeatureMatrix scaled, CancellationToken cancellationToken)
    {
        if (FixedK is int k)
        {
            Report("Clustering", 0, 1, string.Create(CultureInfo.InvariantCulture, $"K-means with K = {k}"));
            ClusteringResult fixedFit = new KMeansClusterer(KMeans with { K = k }).Fit(scaled, cancellationToken);
            Report("Clustering", 1, 1, string.Create(CultureInfo.InvariantCulture, $"K = {k}: inertia {fixedFit.Inertia:0.###}"));
            return (null, fixedFit, string.Create(CultureInfo.InvariantCulture, $"K = {k} was fixed with WithK({k})."));
        }

        int maxK = MaxK;
        string limited = string.Empty;
        if (!RangeChosen && maxK > scaled.RowCount)
        {
            maxK = scaled.RowCount;
            limited = string.Create(CultureInfo.InvariantCulture, $" The default range 1..10 was limited to 1..{maxK} by the {scaled.RowCount} customers.");
        }

        var selector = new ElbowSelector(new ElbowOptions { MinK = MinK, MaxK = maxK, Strategy = Strategy, KMeans = KMeans });
        int total = maxK - MinK + 1;
        Report("Choosing K", 0, total, string.Create(CultureInfo.InvariantCulture, $"Fitting K = {MinK}..{maxK}"));
        IProgress<ElbowProgress>? sweep = Progress is null ? null : new SweepProgress(Progress);
        ElbowResult elbow = selector.Select(scaled, sweep, cancellationToken);
        return (elbow, elbow.Chosen, elbow.Reason + limited);
    }

    private void Report(string stage, int completed, int total, string message)
        => Progress?.Report(new SegmentationProgress(stage, completed, total, message));

    /// <summary>Turns each finished K of the sweep into a pipeline progress report.</summary>
    private sealed class SweepProgress(IProgress<SegmentationProgress> target) : IProgress<ElbowProgress>
    {
        public void Report(ElbowProgress value)
        {
            ElbowPoint p = value.Point;
            string silhouette = p.Silhouette is double s ? string.Create(CultureInfo.InvariantCulture, $", silhouette {s:0.###}") : string.Empty;
            target.Report(new SegmentationProgress(
                "Choosing K",
                value.Completed,
                value.Total,
                string.Create(CultureInfo.InvariantCulture, $"K = {p.K}: inertia {p.Inertia:0.###}{silhouette}")));
        }
    }
}
