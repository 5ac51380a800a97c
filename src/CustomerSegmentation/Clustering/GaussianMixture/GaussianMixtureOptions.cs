namespace CustomerSegmentation.Clustering;

/// <summary>
/// The settings of a <see cref="GaussianMixtureClusterer"/>. Immutable; every value is checked when it is set and an
/// invalid one throws <see cref="ArgumentOutOfRangeException"/> naming the option. Defaults follow scikit-learn's
/// GaussianMixture (full covariance, reg_covar 1e-6, tol 1e-3, max_iter 100, n_init 1, k-means initialisation).
/// </summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>The default number of components.</summary>
    public const int DefaultK = 1;

    /// <summary>The default value added to the diagonal of every covariance.</summary>
    public const double DefaultRegCovar = 1e-6;

    /// <summary>The default tolerance on the change of the mean log-likelihood lower bound.</summary>
    public const double DefaultTolerance = 1e-3;

    /// <summary>The default limit on EM iterations per initialisation.</summary>
    public const int DefaultMaxIterations = 100;

    /// <summary>The default number of initialisations.</summary>
    public const int DefaultNInit = 1;

    /// <summary>The number of mixture components (K).</summary>
    /// <value>The default value is 1. Must be at least 1 and at most the number of rows fitted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int K
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(K));
    } = DefaultK;

    /// <summary>The shape of every component's covariance.</summary>
    /// <value>The default value is <see cref="GaussianCovariance.Full"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="GaussianCovariance"/>.</exception>
    public GaussianCovariance Covariance
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Covariance), value, "Covariance must be Full or Diagonal.");
    }

    /// <summary>
    /// Added to the diagonal of every covariance after each M-step (in the squared units of the features), so that a
    /// constant feature or a component on very few rows keeps a positive-definite covariance. With a constant feature
    /// the component's variance along it is exactly this value, and the likelihood is finite but large.
    /// </summary>
    /// <value>The default value is 1e-6. Must be finite and non-negative.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double RegCovar
    {
        get;
        init => field = ClusteringChecks.Tolerance(value, nameof(RegCovar));
    } = DefaultRegCovar;

    /// <summary>
    /// EM stops when the mean log-likelihood lower bound (nats per row) changes by less than this between two
    /// iterations. 0 runs every iteration up to <see cref="MaxIterations"/>.
    /// </summary>
    /// <value>The default value is 1e-3. Must be finite and non-negative.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double Tolerance
    {
        get;
        init => field = ClusteringChecks.Tolerance(value, nameof(Tolerance));
    } = DefaultTolerance;

    /// <summary>The largest number of EM iterations per initialisation.</summary>
    /// <value>The default value is 100. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxIterations
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(MaxIterations));
    } = DefaultMaxIterations;

    /// <summary>
    /// How many initialisations are run, each from the labels of its own K-means fit (one restart, its own seed); the
    /// one with the highest final lower bound is kept.
    /// </summary>
    /// <value>The default value is 1. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int NInit
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(NInit));
    } = DefaultNInit;

    /// <summary>The seed of the K-means initialisations. The same seed gives bit-identical results for any <see cref="MaxDegreeOfParallelism"/>.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; init; }

    /// <summary>The most threads a pass over the rows uses; -1 means one per processor.</summary>
    /// <value>The default value is -1. Must be -1 or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = ClusteringChecks.MaxDegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    } = -1;
}
