namespace CustomerSegmentation.Clustering;

/// <summary>
/// The settings of a <see cref="KPrototypesClusterer"/>. Immutable; every value is checked when it is set and an
/// invalid one throws <see cref="ArgumentOutOfRangeException"/> naming the option.
/// </summary>
public sealed record KPrototypesOptions
{
    /// <summary>The default number of clusters.</summary>
    public const int DefaultK = 8;

    /// <summary>The default iteration limit per restart.</summary>
    public const int DefaultMaxIterations = 100;

    /// <summary>The default number of restarts (the Python kmodes package's n_init).</summary>
    public const int DefaultNInit = 10;

    /// <summary>The fraction of the mean numeric standard deviation that Huang's rule takes as gamma.</summary>
    public const double HuangGammaFraction = 0.5;

    /// <summary>The number of clusters (K).</summary>
    /// <value>The default value is 8. Must be at least 1 and at most the number of rows fitted.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int K
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(K));
    } = DefaultK;

    /// <summary>The largest number of iterations (assign, then update the prototypes) per restart; a restart stops earlier when no row changes cluster.</summary>
    /// <value>The default value is 100. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxIterations
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(MaxIterations));
    } = DefaultMaxIterations;

    /// <summary>How many restarts from different initial prototypes; the one with the lowest cost wins. Cao's initialisation has no random choice and runs once.</summary>
    /// <value>The default value is 10. Must be at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int NInit
    {
        get;
        init => field = ClusteringChecks.AtLeast(value, 1, nameof(NInit));
    } = DefaultNInit;

    /// <summary>
    /// The weight gamma of one categorical mismatch, in the numeric part's units of squared distance: the cost of a
    /// customer for a prototype is the squared Euclidean distance over the numeric features plus gamma times the number
    /// of categorical features on which the customer differs from the prototype's mode. Null applies Huang's (1998)
    /// rule: gamma = 0.5 times the mean of the numeric features' (population) standard deviations, in the middle of his
    /// suggested 1/3 to 2/3; after standardisation that is 0.5. When every numeric feature is constant, the rule gives 1.
    /// </summary>
    /// <value>The default value is null (Huang's rule). When set, must be finite and non-negative.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double? Gamma
    {
        get;
        init => field = value is double g ? ClusteringChecks.Tolerance(g, nameof(Gamma)) : null;
    }

    /// <summary>How the initial prototypes are chosen.</summary>
    /// <value>The default value is <see cref="KPrototypesInitialization.Huang"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public KPrototypesInitialization Init
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Init));
    } = KPrototypesInitialization.Huang;

    /// <summary>The seed of the random choices; the same seed gives bit-identical results for any <see cref="MaxDegreeOfParallelism"/>.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; init; }

    /// <summary>The most threads a fit uses; -1 means one per processor.</summary>
    /// <value>The default value is -1. Must be -1 or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = ClusteringChecks.MaxDegreeOfParallelism(value, nameof(MaxDegreeOfParallelism));
    } = -1;
}
