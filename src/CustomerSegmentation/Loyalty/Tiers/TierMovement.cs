namespace CustomerSegmentation.Loyalty;

/// <summary>How a customer's earned tier changed from one window to the next. "No tier" means no purchase in the window.</summary>
public enum TierMovementKind
{
    /// <summary>No tier in either window (no purchase in both).</summary>
    Inactive,

    /// <summary>No tier in the earlier window, a tier in the later one: a new or returning customer.</summary>
    New,

    /// <summary>A higher tier than in the earlier window.</summary>
    Upgrade,

    /// <summary>The same tier in both windows.</summary>
    Retained,

    /// <summary>A lower tier than in the earlier window, but still a tier.</summary>
    Downgrade,

    /// <summary>A tier in the earlier window, none in the later one (no purchase).</summary>
    Lapsed,
}

/// <summary>One customer's earned tier in two consecutive windows (or the last window and a projection of the next).</summary>
/// <param name="CustomerId">The customer id.</param>
/// <param name="FromSpend">The net spend in the earlier window (0 when the customer had no transaction in it).</param>
/// <param name="From">The tier earned in the earlier window, or null for no tier.</param>
/// <param name="ToSpend">The net spend in the later window (for a projection: the projected spend).</param>
/// <param name="To">The tier earned in the later window, or null for no tier.</param>
/// <param name="Kind">The movement from <paramref name="From"/> to <paramref name="To"/>.</param>
public sealed record TierMovement(string CustomerId, decimal FromSpend, SpendTier? From, decimal ToSpend, SpendTier? To, TierMovementKind Kind);

/// <summary>One cell of a tier movement matrix: how many customers went from one tier to another.</summary>
/// <param name="From">The tier in the earlier window, or null for no tier.</param>
/// <param name="To">The tier in the later window, or null for no tier.</param>
/// <param name="Customers">How many customers made that move (may be 0).</param>
public sealed record TierMovementCell(SpendTier? From, SpendTier? To, int Customers);

/// <summary>How many customers made one kind of movement.</summary>
/// <param name="Kind">The kind of movement.</param>
/// <param name="Customers">How many customers made it (may be 0).</param>
/// <param name="Share">Their share of all customers of the movements, 0..1 (0 when there are none).</param>
public sealed record TierMovementCount(TierMovementKind Kind, int Customers, double Share);
