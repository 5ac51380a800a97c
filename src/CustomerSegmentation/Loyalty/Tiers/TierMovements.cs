using System.Collections.Immutable;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The tier movements of every customer between two consecutive windows, with the movement matrix and the counts by kind.
/// Every customer appears exactly once, so the matrix cells and the counts by kind each sum to the number of customers.
/// </summary>
public sealed class TierMovements
{
    internal TierMovements(SpendTiers tiers, SpendWindow from, SpendWindow to, ImmutableArray<TierMovement> customers)
    {
        Tiers = tiers;
        From = from;
        To = to;
        Customers = customers;
        int size = tiers.Tiers.Length + 1;
        var counts = new int[size * size];
        var kinds = new int[Enum.GetValues<TierMovementKind>().Length];
        foreach (TierMovement movement in customers)
        {
            counts[(Rank(movement.From) * size) + Rank(movement.To)]++;
            kinds[(int)movement.Kind]++;
        }

        int total = customers.Length;
        Matrix = [.. Enumerable.Range(0, size * size).Select(i => new TierMovementCell(TierAt(i / size), TierAt(i % size), counts[i]))];
        ByKind = [.. Enum.GetValues<TierMovementKind>().Select(k => new TierMovementCount(k, kinds[(int)k], total == 0 ? 0d : (double)kinds[(int)k] / total))];
    }

    /// <summary>The tiers the movements are measured in.</summary>
    public SpendTiers Tiers { get; }

    /// <summary>The earlier window.</summary>
    public SpendWindow From { get; }

    /// <summary>The later window (for a projection: the twelve months after the last window, <see cref="SpendWindow.Following"/>).</summary>
    public SpendWindow To { get; }

    /// <summary>One movement per customer, in the order of the customers of the history.</summary>
    public ImmutableArray<TierMovement> Customers { get; }

    /// <summary>
    /// The movement matrix as cells, every pair of (no tier, then the tiers lowest first) × (the same), zeros included,
    /// ordered by the earlier tier and then the later one.
    /// </summary>
    public ImmutableArray<TierMovementCell> Matrix { get; }

    /// <summary>The number of customers of each kind, every kind in the order of <see cref="TierMovementKind"/>, zeros included.</summary>
    public ImmutableArray<TierMovementCount> ByKind { get; }

    /// <summary>How many customers went from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The earlier tier, or null for no tier.</param>
    /// <param name="to">The later tier, or null for no tier.</param>
    /// <returns>The number of customers.</returns>
    /// <exception cref="ArgumentException">A tier is not one of <see cref="Tiers"/>.</exception>
    public int Count(SpendTier? from, SpendTier? to)
    {
        Check(from, nameof(from));
        Check(to, nameof(to));
        return Matrix[(Rank(from) * (Tiers.Tiers.Length + 1)) + Rank(to)].Customers;
    }

    /// <summary>How many customers made a movement of <paramref name="kind"/>.</summary>
    /// <param name="kind">The kind of movement.</param>
    /// <returns>The number of customers.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public int Count(TierMovementKind kind)
        => Enum.IsDefined(kind) ? ByKind[(int)kind].Customers : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown TierMovementKind.");

    /// <summary>The movement between two tiers (null: no tier), ranked by their place in <paramref name="tiers"/>.</summary>
    internal static TierMovementKind KindOf(SpendTiers tiers, SpendTier? from, SpendTier? to)
    {
        int a = tiers.RankOf(from);
        int b = tiers.RankOf(to);
        return (a, b) switch
        {
            (0, 0) => TierMovementKind.Inactive,
            (0, _) => TierMovementKind.New,
            (_, 0) => TierMovementKind.Lapsed,
            _ when b > a => TierMovementKind.Upgrade,
            _ when b < a => TierMovementKind.Downgrade,
            _ => TierMovementKind.Retained,
        };
    }

    private int Rank(SpendTier? tier) => Tiers.RankOf(tier);

    private SpendTier? TierAt(int rank) => rank == 0 ? null : Tiers.Tiers[rank - 1];

    private void Check(SpendTier? tier, string parameter)
    {
        if (tier is not null && !Tiers.Tiers.Contains(tier))
        {
            throw new ArgumentException(
                $"The tier '{tier.Name}' from {tier.LowerBound} is not one of these movements' tiers ({string.Join(", ", Tiers.Tiers.Select(t => t.Name))}).",
                parameter);
        }
    }
}
