namespace CustomerSegmentation.Clustering.Kernels;

/// <summary>
/// Where the K-prototypes assignment pass adds what the update needs, in the same pass over the rows: per prototype the
/// sums of the centred numeric values and the member count (stride features + 1, as <see cref="LloydKernel"/> gathers
/// them), and per prototype the count of every level of every categorical feature. <see cref="None"/> gathers nothing.
/// </summary>
internal readonly ref struct PrototypeTally
{
    /// <param name="sums">Receives, added to what it holds, clusters x (numeric features + 1) values.</param>
    /// <param name="levelCounts">Receives, added to what it holds, clusters x <paramref name="levelStart"/>[^1] counts.</param>
    /// <param name="codes">The int codes, one array per categorical feature.</param>
    /// <param name="levelStart">Where each categorical feature's levels start within a prototype's counts (one more entry: the total).</param>
    public PrototypeTally(Span<double> sums, Span<int> levelCounts, int[][] codes, int[] levelStart)
    {
        Sums = sums;
        LevelCounts = levelCounts;
        Codes = codes;
        LevelStart = levelStart;
    }

    /// <summary>Gathers nothing: the pass only assigns.</summary>
    public static PrototypeTally None => default;

    /// <summary>The numeric sums and member counts.</summary>
    public Span<double> Sums { get; }

    /// <summary>The level counts.</summary>
    public Span<int> LevelCounts { get; }

    /// <summary>The int codes of the categorical features.</summary>
    public int[][] Codes { get; }

    /// <summary>The first level of each categorical feature within a prototype's counts, then the total.</summary>
    public int[] LevelStart { get; }

    /// <summary>Whether the pass gathers anything.</summary>
    public bool IsEmpty => Sums.IsEmpty;
}
