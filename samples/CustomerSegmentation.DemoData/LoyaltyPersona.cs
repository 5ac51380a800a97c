namespace CustomerSegmentation.DemoData;

/// <summary>The loyalty persona a synthetic customer is drawn from.</summary>
public enum LoyaltyPersona
{
    /// <summary>Buys often (15-40 orders over the period), spends much per order, bought in the last two weeks.</summary>
    Champion,

    /// <summary>Buys now and then (4-12 orders spread over the period), average order values.</summary>
    Regular,

    /// <summary>First order in the last 60 days, 1-3 orders.</summary>
    New,

    /// <summary>1-5 orders, all in the first 60% of the period, small order values.</summary>
    Lapsed,
}
