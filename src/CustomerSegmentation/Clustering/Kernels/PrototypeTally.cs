namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// Where the K-prototypes assignment pass adds what the update needs, in the same pass over the rows: per prototype the
/// sums of the centred numeric values and the member count (stride features + 1, as <see cref="LloydKernel"/> gathers
/// them), and per prototype the count of every level of every categorical feature. <see cref="None"/> gathers nothing.
/// </summary>
internal readonly ref struct PrototypeTally
{
    /// <param name="sums">Receives, added to what it holds, clusters x (numeric features + 1) values.</param>
    /// <param name="levelCounts">
    /// Clusters x <see cref="LevelKeys.Levels"/> counts of the labels the pass starts from; the pass moves the counts of
    /// the rows whose label it changes (a row labelled -1 before the pass is only added).
    /// </param>
    /// <param name="keys">The categorical codes arranged for counting, and where each feature's levels start within a prototype's counts.</param>
    /// <param name="movesSums">
    /// False: <paramref name="sums"/> receives, added to what it holds, the sums of the new labels. True: it holds the
    /// sums of the labels the pass starts from, and the pass moves those of the rows whose label it changes (in double).
    /// </param>
    public PrototypeTally(Span<double> sums, Span<int> levelCounts, LevelKeys keys, bool movesSums = false)
    {
        Sums = sums;
        LevelCounts = levelCounts;
        Keys = keys;
        MovesSums = movesSums;
    }

    /// <summary>Gathers nothing: the pass only assigns.</summary>
    public static PrototypeTally None => default;

    /// <summary>The numeric sums and member counts.</summary>
    public Span<double> Sums { get; }

    /// <summary>The level counts.</summary>
    public Span<int> LevelCounts { get; }

    /// <summary>The categorical codes arranged for counting.</summary>
    public LevelKeys Keys { get; }

    /// <summary>Whether the pass moves the sums of the rows whose label changes rather than adding every row's.</summary>
    public bool MovesSums { get; }

    /// <summary>Whether the pass gathers anything.</summary>
    public bool IsEmpty => Sums.IsEmpty;
}
