using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Selection;
using CustomerSegmentation.Stability;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// One readable chain from customers to described segments: read, scale, choose K (or fix it), cluster with any
/// <see cref="IClusterer"/> (K-means unless another is chosen), profile each segment. Every method returns a new
/// pipeline and leaves this one unchanged, so a pipeline can be reused and shared between threads.
/// </summary>
/// <remarks>
/// The pipeline is the one owner of K (<see cref="ChooseK"/> or <see cref="WithK"/>), of the seed
/// (<see cref="WithSeed"/>) and of the thread limit (<see cref="WithMaxDegreeOfParallelism"/>): it hands them to the
/// clusterer factory for every fit, whatever the clusterer's own options say.
/// </remarks>
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
public sealed class SegmentationPipeline
{
    private readonly Settings _settings;

    private SegmentationPipeline(Settings settings) => _settings = settings;

    /// <summary>Starts from a headed CSV file; features are picked with <see cref="WithFeatures"/>.</summary>
    /// <param name="path">The file; read on every <see cref="Run"/>.</param>
    /// <param name="options">Culture, delimiter, bad-row policy; null for the defaults (invariant culture, detected delimiter, fail fast).</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    public static SegmentationPipeline FromCsv(string path, CustomerCsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return FromSource((features, csv, cancellationToken) => CustomerCsv.Read(path, features, csv, cancellationToken), options, "A CSV source");
    }

    /// <summary>
    /// Starts from a headed CSV stream (UTF-8), read when the pipeline runs and left open. A seekable stream is read
    /// from the position it had here on every <see cref="Run"/>, so the pipeline can run again; a stream that cannot
    /// seek is read once, and a second run throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="stream">The CSV text.</param>
    /// <param name="options">Culture, delimiter, bad-row policy; null for the defaults.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read.</exception>
    public static SegmentationPipeline FromCsv(Stream stream, CustomerCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The CSV stream cannot be read (it is closed or write-only).", nameof(stream));
        }

        return new SegmentationPipeline(new Settings(new CustomerSource.CsvStream(stream))
        {
            CsvOptions = options ?? CustomerCsvOptions.Default,
        });
    }

    /// <summary>
    /// Starts from a database: on every <see cref="Run"/> a new connection is made, <paramref name="sql"/> runs on it
    /// and its rows are read by <see cref="CustomerDatabase"/> (features picked with <see cref="WithFeatures"/>, the id
    /// and attribute columns with <see cref="WithId"/> and <see cref="WithAttributes"/>, by column name); the
    /// connection is disposed after the read.
    /// </summary>
    /// <param name="connect">Makes a new connection of any ADO.NET provider (opened by the run if it is closed).</param>
    /// <param name="sql">The query returning one row per customer, for example <c>SELECT * FROM customers</c>.</param>
    /// <param name="options">Bad-row policy and the culture of numbers stored as text; null for the defaults (fail fast).</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connect"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is null or blank.</exception>
    public static SegmentationPipeline FromDatabase(Func<DbConnection> connect, string sql, CustomerCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return FromSource(
            (features, csv, cancellationToken) =>
            {
                using DbConnection connection = connect();
                return CustomerDatabase.Read(connection, sql, features, csv, cancellationToken);
            },
            options);
    }

    /// <summary>
    /// Starts from a database query with its own connection and parameters: on every <see cref="Run"/>,
    /// <paramref name="command"/> makes a new command, which is executed, read by <see cref="CustomerDatabase"/> and
    /// disposed (its connection is not: the caller owns it; a closed one is opened and closed again).
    /// </summary>
    /// <param name="command">Makes the command to run (a reader is single-pass, so each run needs a new one).</param>
    /// <param name="options">Bad-row policy and the culture of numbers stored as text; null for the defaults (fail fast).</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    public static SegmentationPipeline FromDatabase(Func<DbCommand> command, CustomerCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        return FromSource(
            (features, csv, cancellationToken) =>
            {
                using DbCommand made = command() ?? throw new InvalidOperationException("The command factory of FromDatabase returned null; return a new DbCommand on every call.");
                return CustomerDatabase.Read(made, features, csv, cancellationToken);
            },
            options);
    }

    /// <summary>Starts from customers already in a <see cref="CustomerTable"/> (all its features unless <see cref="WithFeatures"/> picks some).</summary>
    /// <param name="customers">The customers, with their ids and extra columns.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    public static SegmentationPipeline FromTable(CustomerTable customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return new SegmentationPipeline(new Settings(new CustomerSource.Table(customers)));
    }

    /// <summary>Starts from a feature matrix; customers are identified by their 1-based row numbers unless ids are given.</summary>
    /// <param name="features">The customers' features, one row per customer.</param>
    /// <param name="ids">One id per row; null numbers the rows from 1.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ids"/> does not have one id per row.</exception>
    public static SegmentationPipeline FromMatrix(FeatureMatrix features, IReadOnlyList<string>? ids = null)
        => FromTable(CustomerTable.FromFeatures(features, ids));

    /// <summary>Starts from objects the application already holds, with a selector per feature.</summary>
    /// <typeparam name="T">The customer type.</typeparam>
    /// <param name="customers">The customers.</param>
    /// <param name="id">Each customer's id.</param>
    /// <param name="features">Each feature's name and how to read it from a customer.</param>
    /// <returns>The pipeline.</returns>
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

    /// <summary>Starts from objects the application already holds, with a selector per feature and per attribute (text) column.</summary>
    /// <typeparam name="T">The customer type.</typeparam>
    /// <param name="customers">The customers.</param>
    /// <param name="id">Each customer's id.</param>
    /// <param name="attributes">Each attribute's name and how to read its text from a customer (for example ("Gender", c =&gt; c.Gender)); a null text is kept as empty, as an empty CSV cell is.</param>
    /// <param name="features">Each feature's name and how to read it from a customer.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No customers, no features, a blank or repeated attribute name, or a NaN or infinite value (the message names the customer row and feature).</exception>
    public static SegmentationPipeline From<T>(IEnumerable<T> customers, Func<T, string> id, IReadOnlyList<(string Name, Func<T, string?> Value)> attributes, params (string Name, Func<T, double> Value)[] features)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(features);
        List<T> list = [.. customers];
        double[][] columns = [.. features.Select(f => list.Select(f.Value).ToArray())];
        FeatureMatrix matrix = FeatureMatrix.FromColumns(columns, [.. features.Select(f => f.Name)]);
        var texts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, Func<T, string?> value) in attributes)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(attributes));
            if (string.IsNullOrWhiteSpace(name) || !texts.TryAdd(name.Trim(), [.. list.Select(c => value(c)?.Trim() ?? string.Empty)]))
            {
                throw new ArgumentException($"The attribute name '{name}' is blank or listed twice; give each attribute column one name.", nameof(attributes));
            }
        }

        return FromTable(CustomerTable.FromFeatures(matrix, [.. list.Select(id)], texts));
    }

    /// <summary>Picks the features to cluster on, by header name (case-insensitive, surrounding spaces ignored).</summary>
    /// <param name="features">The feature names, at least one.</param>
    /// <returns>A new pipeline with the features.</returns>
    /// <exception cref="ArgumentException">No names, or a blank one.</exception>
    public SegmentationPipeline WithFeatures(params string[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length == 0 || features.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one feature, and no blank names.", nameof(features));
        }

        return new(_settings with { Features = [.. features] });
    }

    /// <summary>Names the CSV column holding customer ids (kept in exports and the report).</summary>
    /// <param name="column">The column's header name.</param>
    /// <returns>A new pipeline with the id column.</returns>
    /// <exception cref="ArgumentException"><paramref name="column"/> is null or blank.</exception>
    public SegmentationPipeline WithId(string column)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        return new(_settings with { IdColumn = column });
    }

    /// <summary>Keeps extra columns (e.g. "Genre") for the profiles' composition, the exports and the report.</summary>
    /// <param name="columns">The columns' names.</param>
    /// <returns>A new pipeline with the attributes.</returns>
    /// <exception cref="ArgumentException">A blank name.</exception>
    public SegmentationPipeline WithAttributes(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Attribute column names cannot be blank.", nameof(columns));
        }

        return new(_settings with { Attributes = [.. columns] });
    }

    /// <summary>The default weight of <see cref="WithOneHotEncoding"/>: a customer whose category differs from another's is 2 × 0.5² = 0.5 further in squared distance.</summary>
    public const double DefaultOneHotWeight = 0.5;

    /// <summary>
    /// Adds categorical features (text columns such as "Genre") to cluster on, beside the numeric ones of
    /// <see cref="WithFeatures"/>. Each becomes a <see cref="CategoricalColumn"/> with at most
    /// <paramref name="maxLevels"/> distinct values; a CSV row with an empty category is a bad row (failing the read or
    /// skipped, as <see cref="CsvReadOptions.BadRows"/> says). The features are also kept as attributes, so profiles,
    /// exports and the report show them. Choose how they are clustered: <see cref="UseKPrototypes"/> (natively, by
    /// mismatch counts) or <see cref="WithOneHotEncoding"/> (as 0/weight columns for K-means or any numeric clusterer);
    /// without either, <see cref="Run"/> throws <see cref="InvalidOperationException"/> naming both.
    /// </summary>
    /// <param name="maxLevels">The most distinct values a categorical feature may have, at least 1 (default <see cref="CategoricalColumn.DefaultMaxLevels"/>).</param>
    /// <param name="columns">The columns' names, at least one.</param>
    /// <returns>A new pipeline with the categorical features (replacing any named before).</returns>
    /// <exception cref="ArgumentException">No names, or a blank one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLevels"/> is below 1.</exception>
    public SegmentationPipeline WithCategorical(int maxLevels, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLevels, 1);
        if (columns.Length == 0 || columns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one categorical feature, and no blank names.", nameof(columns));
        }

        return new(_settings with { Categorical = [.. columns.Select(c => c.Trim())], MaxLevels = maxLevels });
    }

    /// <summary>Adds categorical features with the default limit of <see cref="CategoricalColumn.DefaultMaxLevels"/> distinct values each; see <see cref="WithCategorical(int, string[])"/>.</summary>
    /// <param name="columns">The columns' names, at least one.</param>
    /// <returns>A new pipeline with the categorical features.</returns>
    /// <exception cref="ArgumentException">No names, or a blank one.</exception>
    public SegmentationPipeline WithCategorical(params string[] columns) => WithCategorical(CategoricalColumn.DefaultMaxLevels, columns);

    /// <summary>
    /// Encodes the categorical features one-hot for a numeric clusterer (K-means, mini-batch K-means, any
    /// <see cref="IClusterer"/>): each level becomes a column "feature=level" holding <paramref name="weight"/> for the
    /// customers with that level and 0 otherwise, appended after the scaled numeric features (scaling applies to the
    /// numeric features only). Customers with different categories are 2 × weight² further apart in squared distance.
    /// </summary>
    /// <param name="weight">The value of a level's column, positive and finite; default 0.5 (a mismatch adds 0.5 to the squared distance, like K-prototypes' default gamma on standardised features).</param>
    /// <returns>A new pipeline that one-hot encodes its categorical features.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is not positive and finite.</exception>
    public SegmentationPipeline WithOneHotEncoding(double weight = DefaultOneHotWeight)
    {
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The one-hot weight must be a positive, finite number.");
        }

        return new(_settings with { OneHotWeight = weight });
    }

    /// <summary>Scales each feature to zero mean and unit (population) standard deviation before clustering. The default.</summary>
    /// <returns>A new pipeline with <see cref="FeatureScaling.Standard"/>.</returns>
    public SegmentationPipeline Standardize() => WithScaling(FeatureScaling.Standard);

    /// <summary>Scales each feature to [0, 1] before clustering.</summary>
    /// <returns>A new pipeline with <see cref="FeatureScaling.MinMax"/>.</returns>
    public SegmentationPipeline ScaleMinMax() => WithScaling(FeatureScaling.MinMax);

    /// <summary>Clusters the features in their own units.</summary>
    /// <returns>A new pipeline with <see cref="FeatureScaling.None"/>.</returns>
    public SegmentationPipeline WithoutScaling() => WithScaling(FeatureScaling.None);

    /// <summary>Chooses the scaling.</summary>
    /// <param name="scaling">The scaling, e.g. <see cref="FeatureScaling.LogStandard"/>.</param>
    /// <returns>A new pipeline with the scaling.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scaling"/> is null.</exception>
    public SegmentationPipeline WithScaling(FeatureScaling scaling)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        return new(_settings with { Scaling = scaling });
    }

    /// <summary>
    /// Chooses K in [<paramref name="minK"/>, <paramref name="maxK"/>] by <paramref name="rule"/>, fitting the
    /// clusterer once per K. Without this or <see cref="WithK"/>, K is chosen by the elbow over 1..10 (limited to the
    /// number of customers).
    /// </summary>
    /// <param name="minK">The smallest K, at least 1.</param>
    /// <param name="maxK">The largest K, at least <paramref name="minK"/>.</param>
    /// <param name="rule">How K is chosen; null for <see cref="KSelectionRule.Default"/> (the elbow).</param>
    /// <returns>A new pipeline that sweeps K; it replaces any earlier <see cref="WithK"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minK"/> is below 1 or <paramref name="maxK"/> below <paramref name="minK"/>.</exception>
    public SegmentationPipeline ChooseK(int minK, int maxK, KSelectionRule? rule = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxK, minK);
        return new(_settings with { K = new KChoice.Sweep(minK, maxK, rule ?? KSelectionRule.Default, RangeChosen: true) });
    }

    /// <summary>Fixes K, skipping the sweep.</summary>
    /// <param name="k">The number of segments, at least 1.</param>
    /// <returns>A new pipeline with a fixed K; it replaces any earlier <see cref="ChooseK"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public SegmentationPipeline WithK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return new(_settings with { K = new KChoice.Fixed(k) });
    }

    /// <summary>
    /// Clusters with the clusterers <paramref name="clusterers"/> makes, one per K the pipeline fits; the way to use
    /// a clusterer of your own.
    /// </summary>
    /// <param name="clusterers">Makes the clusterer for a K, seed and thread limit.</param>
    /// <returns>A new pipeline with the clusterer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clusterers"/> is null.</exception>
    /// <example>
    /// <code>
    /// pipeline.UseClusterer(request => new MyClusterer(request.K, request.Seed))
    /// </code>
    /// </example>
    public SegmentationPipeline UseClusterer(ClustererFactory clusterers)
    {
        ArgumentNullException.ThrowIfNull(clusterers);
        return new(_settings with { Clusterers = clusterers, NativeCategories = false });
    }

    /// <summary>
    /// Clusters with <see cref="KMeansClusterer"/>. Without any Use... call the pipeline uses K-means with
    /// <see cref="ElbowSelector.DefaultRestarts"/> restarts.
    /// </summary>
    /// <param name="options">
    /// The K-means settings (restarts, initialisation, tolerance); null for the pipeline's default of
    /// <see cref="ElbowSelector.DefaultRestarts"/> restarts. Their K, seed and thread limit are the pipeline's.
    /// </param>
    /// <returns>A new pipeline with K-means.</returns>
    public SegmentationPipeline UseKMeans(KMeansOptions? options = null)
        => UseClusterer(KMeansClusterer.Factory(options ?? new KMeansOptions { NInit = ElbowSelector.DefaultRestarts }));

    /// <summary>Clusters with <see cref="MiniBatchKMeans"/>, for customers too many for full K-means.</summary>
    /// <param name="options">The mini-batch settings; null for scikit-learn's defaults. Their K, seed and thread limit are the pipeline's.</param>
    /// <returns>A new pipeline with mini-batch K-means.</returns>
    public SegmentationPipeline UseMiniBatchKMeans(MiniBatchKMeansOptions? options = null)
        => UseClusterer(MiniBatchKMeans.Factory(options));

    /// <summary>
    /// Clusters with <see cref="KPrototypesClusterer"/> (Huang 1998): the numeric features by squared distance and the
    /// categorical features of <see cref="WithCategorical(string[])"/> natively, gamma per mismatch. The sweep, profiles,
    /// exports and the model file work as for K-means.
    /// </summary>
    /// <param name="options">The K-prototypes settings (restarts, initialisation, gamma); null for the defaults (10 Huang restarts, Huang's gamma). Their K, seed and thread limit are the pipeline's.</param>
    /// <returns>A new pipeline with K-prototypes.</returns>
    public SegmentationPipeline UseKPrototypes(KPrototypesOptions? options = null)
        => new(UseClusterer(KPrototypesClusterer.Factory(options))._settings with { NativeCategories = true });

    /// <summary>
    /// Clusters with <see cref="GaussianMixtureClusterer"/>: soft segments, each customer's membership probabilities in
    /// <see cref="SegmentAssignment.Probabilities"/>, and BIC or AIC as K rules (<see cref="KSelectionRule.Bic"/>).
    /// </summary>
    /// <param name="options">The mixture settings (covariance, regularisation, restarts); null for scikit-learn's defaults. Their K, seed and thread limit are the pipeline's.</param>
    /// <returns>A new pipeline with the Gaussian mixture.</returns>
    public SegmentationPipeline UseGaussianMixture(GaussianMixtureOptions? options = null)
        => UseClusterer(GaussianMixtureClusterer.Factory(options));

    /// <summary>Sets the seed of every random choice; the same seed gives the same segments, bit for bit.</summary>
    /// <param name="seed">The seed (default 0).</param>
    /// <returns>A new pipeline with the seed.</returns>
    public SegmentationPipeline WithSeed(int seed) => new(_settings with { Seed = seed });

    /// <summary>Limits the threads used; -1 (the default) uses every processor. Results do not depend on it.</summary>
    /// <param name="threads">-1 or at least 1.</param>
    /// <returns>A new pipeline with the limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">0 or below -1.</exception>
    public SegmentationPipeline WithMaxDegreeOfParallelism(int threads)
    {
        if (threads != -1 && threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread limit must be -1 (one thread per processor) or at least 1.");
        }

        return new(_settings with { MaxDegreeOfParallelism = threads });
    }

    /// <summary>
    /// Explains the segments as readable rules (<see cref="SegmentationResult.Rules"/>): a threshold tree of the given
    /// depth trained on the features in their own units. The pipeline learns depth-3 rules by default; this changes
    /// their settings.
    /// </summary>
    /// <param name="options">The depth, smallest leaf, split criterion and sample size; null for the defaults. Their thread limit and seed are the pipeline's.</param>
    /// <returns>A new pipeline that learns rules.</returns>
    public SegmentationPipeline WithRules(RuleOptions? options = null) => new(_settings with { Rules = options ?? new RuleOptions() });

    /// <summary>Skips the rules: <see cref="SegmentationResult.Rules"/> is null.</summary>
    /// <returns>A new pipeline that learns no rules.</returns>
    public SegmentationPipeline WithoutRules() => new(_settings with { Rules = null });

    /// <summary>
    /// Also computes the gap statistic (Tibshirani, Walther &amp; Hastie 2001) when K is swept by another rule, such as the
    /// default elbow: every K of <see cref="SegmentationResult.Elbow"/> gets its gap, <see cref="ElbowResult.GapChosenK"/>
    /// gives the gap's K, and <see cref="SegmentationResult.KReason"/> says when it differs from the rule's. With
    /// <see cref="KSelectionRule.Gap"/> as the rule (which brings its own references), or with a fixed K, this adds nothing. Costs about
    /// <paramref name="references"/> more fits per K.
    /// </summary>
    /// <param name="references">The number of reference data sets B, at least 2.</param>
    /// <param name="reference">Where they come from; null for <see cref="GapReference.BoundingBox"/>.</param>
    /// <returns>A new pipeline that reports the gap beside its K rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="references"/> is below 2.</exception>
    public SegmentationPipeline WithGapStatistic(int references = 10, GapReference? reference = null)
        => new(_settings with { Gap = (ClusteringChecks.AtLeast(references, 2, nameof(references)), reference ?? GapReference.BoundingBox) });

    /// <summary>
    /// Also measures how stable the segments are (<see cref="BootstrapStability"/>: the chosen segmentation against B
    /// bootstrap resamples, each reclustered with the pipeline's clusterer and K), reported in
    /// <see cref="SegmentationResult.Stability"/> with the pipeline's segment numbers. Costs B more fits, each on about
    /// 63% of the customers.
    /// </summary>
    /// <param name="options">The number of resamples; null for the defaults (20). Its seed and thread limit are the pipeline's.</param>
    /// <returns>A new pipeline that assesses stability.</returns>
    public SegmentationPipeline WithStability(StabilityOptions? options = null) => new(_settings with { Stability = options ?? new StabilityOptions() });

    /// <summary>
    /// Reports progress, including each K of the sweep. Fits for different K may run at the same time, so
    /// <see cref="IProgress{T}.Report"/> can be called from several threads at once. An exception thrown by
    /// <see cref="IProgress{T}.Report"/> stops the run and propagates from <see cref="Run"/> as itself (never wrapped in
    /// an <see cref="AggregateException"/>), whatever the stage and whether the sweep runs in parallel.
    /// </summary>
    /// <param name="progress">The receiver; null for none.</param>
    /// <returns>A new pipeline with the receiver.</returns>
    public SegmentationPipeline WithProgress(IProgress<SegmentationProgress>? progress) => new(_settings with { Progress = progress });

    /// <summary>Runs the pipeline.</summary>
    /// <param name="cancellationToken">
    /// Checked before anything is read, then within every stage after a bounded amount of work: scaling (per block of
    /// values), each K of the sweep and each clustering iteration, the scores (per row of the silhouette), the
    /// profiles (per segment and feature) and, when asked for, each stability resample.
    /// </param>
    /// <returns>The segments, their profiles, each customer's segment and a model.</returns>
    /// <exception cref="InvalidOperationException">
    /// A CSV source without <see cref="WithFeatures"/>, a second run over a stream that cannot seek, or a clusterer
    /// that answered with another K or another number of labels than asked.
    /// </exception>
    /// <exception cref="DataFormatException">The CSV is unreadable (the message names the line, column and text).</exception>
    /// <exception cref="FileNotFoundException">The CSV file does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException">More clusters asked for than there are customers.</exception>
    /// <exception cref="ArgumentException">
    /// The K-means clusterers were given features too large to cluster unscaled (<see cref="WithoutScaling"/> with
    /// values whose squared distances would exceed float32); the message names the features and suggests
    /// <see cref="Standardize"/> or <see cref="ScaleMinMax"/>.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public SegmentationResult Run(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Settings s = _settings;
        Report("Reading", 0, 1, "Reading customers");
        CategoricalFeatures categorical = CategoricalFeatures.For(s.Categorical, s.Features, s.OneHotWeight, s.NativeCategories);
        CustomerTable customers = s.Source.Load(
            s.Features is { } f ? f : null,
            s.IdColumn,
            [.. s.Attributes.Union(s.Categorical, StringComparer.OrdinalIgnoreCase)],
            s.CsvOptions with { CategoricalColumns = [.. s.CsvOptions.CategoricalColumns.Union(s.Categorical, StringComparer.OrdinalIgnoreCase)] },
            cancellationToken);
        ImmutableArray<CategoricalColumn> categories = categorical.Read(customers, s.MaxLevels);
        Report("Reading", 1, 1, string.Create(CultureInfo.InvariantCulture, $"{customers.RowCount} customers, {customers.Features.FeatureCount} features"));

        Report("Scaling", 0, 1, $"{s.Scaling} scaling");
        FeatureScaler scaler = FeatureScaler.Fit(customers.Features, s.Scaling, cancellationToken);
        FeatureMatrix scaled = categorical.Attach(scaler.Transform(customers.Features, cancellationToken), categories);

        (ElbowResult? elbow, ClusteringResult clustering, string reason) = Cluster(scaled, cancellationToken);

        Report("Profiling", 0, 1, "Describing segments");
        int numeric = customers.Features.FeatureCount;
        ImmutableArray<ImmutableArray<double>> centres = [.. clustering.Centroids.Select(c => ImmutableArray.Create(scaler.InverseTransform(c.AsSpan(0, numeric))))];
        ImmutableArray<SegmentProfile> profiles = SegmentProfiler.Profile(
            customers, clustering.Labels.AsSpan(), [.. centres.Select(c => (IReadOnlyList<double>)c)], [.. customers.Attributes.Keys], cancellationToken, s.Categorical);
        var segmentOfCluster = new int[clustering.K];
        foreach (SegmentProfile profile in profiles)
        {
            segmentOfCluster[profile.Cluster] = profile.Id;
        }

        cancellationToken.ThrowIfCancellationRequested();
        double[] distances = CategoricalFeatures.SquaredDistances(scaled, clustering);
        for (int i = 0; i < distances.Length; i++)
        {
            distances[i] = Math.Sqrt(distances[i]);
        }

        double[,]? probabilities = (clustering.Model as ISoftClusteringModel)?.PredictProbabilities(scaled);
        var assigned = new SegmentAssignments(
            customers, clustering.Labels, segmentOfCluster, [.. profiles.Select(p => p.Label)], distances, probabilities);

        var model = new SegmentationModel(
            scaler,
            clustering.Model,
            [.. profiles.Select(p => new SegmentDefinition(p.Id, p.Label, centres[p.Cluster]))],
            segmentOfCluster,
            elbow?.Rule,
            categorical.Encoding(categories));
        Report("Profiling", 1, 1, string.Create(CultureInfo.InvariantCulture, $"{profiles.Length} segments described"));
        SegmentRules? rules = LearnRules(customers.Features, clustering.Labels.AsSpan(), segmentOfCluster, clustering.K, cancellationToken);
        StabilityResult? stability = AssessStability(scaled, clustering, segmentOfCluster, cancellationToken);
        return new SegmentationResult(customers, scaler, elbow, reason, clustering, profiles, assigned, model, rules, stability);
    }

    private SegmentRules? LearnRules(FeatureMatrix features, ReadOnlySpan<int> clusters, int[] segmentOfCluster, int k, CancellationToken cancellationToken)
    {
        if (_settings.Rules is not RuleOptions options)
        {
            return null;
        }

        Report("Explaining", 0, 1, string.Create(CultureInfo.InvariantCulture, $"Learning rules of depth {options.MaxDepth}"));
        var segments = new int[clusters.Length];
        for (int i = 0; i < segments.Length; i++)
        {
            segments[i] = segmentOfCluster[clusters[i]] - 1;
        }

        SegmentRules rules = SegmentRules.LearnChecked(
            features,
            segments,
            k,
            options with { MaxDegreeOfParallelism = _settings.MaxDegreeOfParallelism, Seed = _settings.Seed },
            cancellationToken);
        Report("Explaining", 1, 1, string.Create(CultureInfo.InvariantCulture, $"Rules of depth {rules.Depth}: fidelity {rules.Fidelity * 100:0.0}%{(rules.Sampled ? $" (grown on {rules.LearntFrom:N0} sampled customers)" : "")}"));
        return rules;
    }

    private (ElbowResult? Elbow, ClusteringResult Clustering, string Reason) Cluster(FeatureMatrix scaled, CancellationToken cancellationToken)
    {
        Settings s = _settings;
        if (s.K is KChoice.Fixed(int k))
        {
            Report("Clustering", 0, 1, string.Create(CultureInfo.InvariantCulture, $"Clustering with K = {k}"));
            ClusteringResult fixedFit = s.Clusterers.FitChecked(new ClusteringRequest(k, s.Seed, s.MaxDegreeOfParallelism), scaled, cancellationToken);
            Report("Clustering", 1, 1, string.Create(CultureInfo.InvariantCulture, $"K = {k}: inertia {fixedFit.Inertia:0.###}"));
            return (null, fixedFit, string.Create(CultureInfo.InvariantCulture, $"K = {k} was fixed with WithK({k})."));
        }

        var sweep = (KChoice.Sweep)s.K;
        int maxK = sweep.MaxK;
        string limited = string.Empty;
        if (!sweep.RangeChosen && maxK > scaled.RowCount)
        {
            maxK = scaled.RowCount;
            limited = string.Create(CultureInfo.InvariantCulture, $" The default range 1..10 was limited to 1..{maxK} by the {scaled.RowCount} customers.");
        }

        var options = new ElbowOptions
        {
            MinK = sweep.MinK,
            MaxK = maxK,
            Rule = sweep.Rule,
            Seed = s.Seed,
            MaxDegreeOfParallelism = s.MaxDegreeOfParallelism,
            // A gap rule brings its own references; WithGapStatistic only adds the gap beside other rules.
            GapReferences = sweep.Rule.RequiredGap is null ? s.Gap?.References : null,
            GapReference = sweep.Rule.RequiredGap is null ? s.Gap?.Reference ?? GapReference.BoundingBox : GapReference.BoundingBox,
        };
        var selector = new ElbowSelector(options, s.Clusterers);
        int total = maxK - sweep.MinK + 1;
        Report("Choosing K", 0, total, string.Create(CultureInfo.InvariantCulture, $"Fitting K = {sweep.MinK}..{maxK}"));
        IProgress<ElbowProgress>? progress = s.Progress is null ? null : new SweepProgress(s.Progress);
        ElbowResult elbow = selector.Select(scaled, progress, cancellationToken);
        return (elbow, elbow.Chosen, elbow.Reason + limited);
    }

    private StabilityResult? AssessStability(FeatureMatrix scaled, ClusteringResult clustering, int[] segmentOfCluster, CancellationToken cancellationToken)
    {
        Settings s = _settings;
        if (s.Stability is not { } options)
        {
            return null;
        }

        Report("Stability", 0, options.Resamples, string.Create(CultureInfo.InvariantCulture, $"Reclustering {options.Resamples} bootstrap resamples"));
        var assessment = new BootstrapStability(options with { Seed = s.Seed, MaxDegreeOfParallelism = s.MaxDegreeOfParallelism }, s.Clusterers);
        IProgress<StabilityProgress>? progress = s.Progress is null ? null
            : new Progress(p => s.Progress.Report(new SegmentationProgress("Stability", p.Completed, p.Total, string.Create(CultureInfo.InvariantCulture, $"Resample {p.Completed} of {p.Total}"))));
        StabilityResult result = assessment.Assess(scaled, clustering, progress, cancellationToken).Renumbered(segmentOfCluster);
        Report("Stability", options.Resamples, options.Resamples, result.Summary);
        return result;
    }

    private void Report(string stage, int completed, int total, string message)
        => _settings.Progress?.Report(new SegmentationProgress(stage, completed, total, message));

    private static SegmentationPipeline FromSource(Func<IReadOnlyList<string>, CustomerCsvOptions, CancellationToken, CustomerTable> read, CustomerCsvOptions? options, string kind = "A database source")
        => new(new Settings(new CustomerSource.Csv(read, kind)) { CsvOptions = options ?? CustomerCsvOptions.Default });

    /// <summary>Everything a pipeline holds; each fluent method copies it with one change.</summary>
    private sealed record Settings(CustomerSource Source)
    {
        public CustomerCsvOptions CsvOptions { get; init; } = CustomerCsvOptions.Default;

        public ImmutableArray<string>? Features { get; init; }

        public string? IdColumn { get; init; }

        public ImmutableArray<string> Attributes { get; init; } = [];

        public FeatureScaling Scaling { get; init; } = FeatureScaling.Standard;

        public KChoice K { get; init; } = new KChoice.Sweep(1, 10, KSelectionRule.Default, RangeChosen: false);

        public ClustererFactory Clusterers { get; init; } = KMeansClusterer.Factory(new KMeansOptions { NInit = ElbowSelector.DefaultRestarts });

        public int Seed { get; init; }

        public int MaxDegreeOfParallelism { get; init; } = -1;

        public IProgress<SegmentationProgress>? Progress { get; init; }

        public RuleOptions? Rules { get; init; } = new RuleOptions();

        public StabilityOptions? Stability { get; init; }

        public (int References, GapReference Reference)? Gap { get; init; }

        public ImmutableArray<string> Categorical { get; init; } = [];

        public int MaxLevels { get; init; } = CategoricalColumn.DefaultMaxLevels;

        public double? OneHotWeight { get; init; }

        public bool NativeCategories { get; init; }
    }

    /// <summary>The one place K is decided: fixed, or swept over a range by a rule.</summary>
    private abstract record KChoice
    {
        public sealed record Fixed(int K) : KChoice;

        public sealed record Sweep(int MinK, int MaxK, KSelectionRule Rule, bool RangeChosen) : KChoice;
    }

    /// <summary>Passes each report on synchronously, on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Progress(Action<StabilityProgress> report) : IProgress<StabilityProgress>
    {
        public void Report(StabilityProgress value) => report(value);
    }

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
