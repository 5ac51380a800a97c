namespace CustomerSegmentation.Clustering;

/// <summary>
/// How a <see cref="KPrototypesClusterer"/> chooses its K initial prototypes, each an actual customer's row (numeric
/// values and categories): <see cref="Huang"/> (random, frequency-based) or <see cref="Cao"/> (deterministic, density-based).
/// </summary>
public abstract class KPrototypesInitialization
{
    private protected KPrototypesInitialization()
    {
    }

    /// <summary>
    /// Huang's (1998) frequency-based method: for each prototype, every categorical feature's level is drawn with
    /// probability proportional to its frequency, and the prototype is a customer (not already chosen) with the fewest
    /// mismatches to the drawn categories, chosen uniformly among the ties. Without categorical features: K distinct random rows.
    /// </summary>
    public static KPrototypesInitialization Huang { get; } = new HuangInitialization();

    /// <summary>
    /// Cao, Liang and Bai's (2009) density-based method: the first prototype is the customer of highest density (the
    /// mean frequency of its categories), each next one the customer maximising density times the least cost to the
    /// prototypes chosen so far (ties to the lowest row). It draws nothing at random, so a fit runs it once.
    /// </summary>
    public static KPrototypesInitialization Cao { get; } = new CaoInitialization();

    /// <summary>The name, "Huang" or "Cao".</summary>
    public abstract string Name { get; }

    /// <summary>Whether the choice depends on the random source (restarts differ only then).</summary>
    internal abstract bool IsRandom { get; }

    /// <summary>The rows whose values become the initial prototypes, distinct, one per cluster.</summary>
    internal abstract int[] ChooseRows(PrototypeInput input, int clusters, Random random, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name;
}
