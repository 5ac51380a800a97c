namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The named RFM segments of the grid widely used with quintile scores, decided by the Recency score R and the
/// Frequency score F (the Monetary score does not enter). See <see cref="RfmSegments.Classify"/> for the grid.
/// </summary>
public enum RfmSegment
{
    /// <summary>R 5 and F 4-5: bought recently and often.</summary>
    Champions,

    /// <summary>R 3-4 and F 4-5: buy often, fairly recently.</summary>
    LoyalCustomers,

    /// <summary>R 4-5 and F 2-3: recent customers with average frequency.</summary>
    PotentialLoyalists,

    /// <summary>R 5 and F 1: bought very recently, once or rarely.</summary>
    NewCustomers,

    /// <summary>R 4 and F 1: recent, but rare buyers.</summary>
    Promising,

    /// <summary>R 3 and F 3: average recency and frequency.</summary>
    NeedAttention,

    /// <summary>R 3 and F 1-2: fading, and rare buyers.</summary>
    AboutToSleep,

    /// <summary>R 1-2 and F 3-4: used to buy fairly often, not lately.</summary>
    AtRisk,

    /// <summary>R 1-2 and F 5: used to buy very often, not lately.</summary>
    CantLose,

    /// <summary>R 1-2 and F 1-2: long gone, rare buyers.</summary>
    Hibernating,
}

/// <summary>The RFM segment grid and the display names of <see cref="RfmSegment"/>.</summary>
public static class RfmSegments
{
    /// <summary>
    /// The segment of a customer with Recency score <paramref name="recencyScore"/> and Frequency score <paramref name="frequencyScore"/>:
    /// R 1-2 &amp; F 1-2 Hibernating; R 1-2 &amp; F 3-4 At Risk; R 1-2 &amp; F 5 Can't Lose; R 3 &amp; F 1-2 About to Sleep;
    /// R 3 &amp; F 3 Need Attention; R 3-4 &amp; F 4-5 Loyal Customers; R 4 &amp; F 1 Promising; R 5 &amp; F 1 New Customers;
    /// R 4-5 &amp; F 2-3 Potential Loyalists; R 5 &amp; F 4-5 Champions.
    /// </summary>
    /// <param name="recencyScore">R, 1..5 (5 = most recent).</param>
    /// <param name="frequencyScore">F, 1..5 (5 = most frequent).</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1..5.</exception>
    public static RfmSegment Classify(int recencyScore, int frequencyScore)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recencyScore, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencyScore, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequencyScore, 5);
        return (recencyScore, frequencyScore) switch
        {
            ( <= 2, <= 2) => RfmSegment.Hibernating,
            ( <= 2, <= 4) => RfmSegment.AtRisk,
            ( <= 2, _) => RfmSegment.CantLose,
            (3, <= 2) => RfmSegment.AboutToSleep,
            (3, 3) => RfmSegment.NeedAttention,
            (5, >= 4) => RfmSegment.Champions,
            (_, >= 4) => RfmSegment.LoyalCustomers,
            (4, 1) => RfmSegment.Promising,
            (5, 1) => RfmSegment.NewCustomers,
            _ => RfmSegment.PotentialLoyalists,
        };
    }

    /// <summary>The display name of a segment, e.g. "Can't Lose" or "Loyal Customers".</summary>
    /// <param name="segment">The segment.</param>
    /// <returns>The name marketers use for it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segment"/> is not a defined value.</exception>
    public static string DisplayName(this RfmSegment segment) => segment switch
    {
        RfmSegment.Champions => "Champions",
        RfmSegment.LoyalCustomers => "Loyal Customers",
        RfmSegment.PotentialLoyalists => "Potential Loyalists",
        RfmSegment.NewCustomers => "New Customers",
        RfmSegment.Promising => "Promising",
        RfmSegment.NeedAttention => "Need Attention",
        RfmSegment.AboutToSleep => "About to Sleep",
        RfmSegment.AtRisk => "At Risk",
        RfmSegment.CantLose => "Can't Lose",
        RfmSegment.Hibernating => "Hibernating",
        _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "Unknown RfmSegment."),
    };
}
