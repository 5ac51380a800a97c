using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// What a <see cref="LoyaltyReport"/> shows besides the RFM analysis, and how. Every piece is optional: its section is on
/// the page only when it is given. Immutable; values are validated when set, and against the RFM result when the
/// report is made (<see cref="LoyaltyReports.ToReport"/>).
/// </summary>
public sealed record LoyaltyReportOptions
{
    /// <summary>The default for <see cref="TopCustomers"/>.</summary>
    public const int DefaultTopCustomers = 20;

    /// <summary>The largest <see cref="TopCustomers"/> allowed.</summary>
    public const int MaxTopCustomers = 10_000;

    /// <summary>The default for <see cref="Title"/>.</summary>
    public const string DefaultTitle = "Customer loyalty report";

    /// <summary>Each customer's spend tier, from <see cref="SpendTiers.Assign"/> on the same RFM result; must list the same customers in the same order.</summary>
    /// <value>The default value is null (no spend tier section unless <see cref="Movements"/> is given).</value>
    public SpendTierAssignment? Tiers { get; init; }

    /// <summary>Tier movements between two windows (e.g. <see cref="SpendTierHistory.Movements"/> or <see cref="SpendTierHistory.Project(LifetimeValueResult)"/>); shown as given, for the windows they name.</summary>
    /// <value>The default value is null.</value>
    public TierMovements? Movements { get; init; }

    /// <summary>Lifetime values; every customer of it must be a customer of the RFM result (it may hold fewer, e.g. a calibration period's).</summary>
    /// <value>The default value is null (no lifetime value section).</value>
    public LifetimeValueResult? LifetimeValue { get; init; }

    /// <summary>The holdout check of <see cref="LifetimeValue"/>'s BG/NBD fit (<see cref="HoldoutEvaluation.Evaluate"/>); needs <see cref="LifetimeValue"/>, with one prediction per customer of it.</summary>
    /// <value>The default value is null.</value>
    public HoldoutEvaluation? Holdout { get; init; }

    /// <summary>A segmentation of the same customers on Recency, Frequency and Monetary (e.g. <see cref="RfmResult.ToSegmentationPipeline"/> run); same customers, same order.</summary>
    /// <value>The default value is null (no clustering section).</value>
    public SegmentationResult? Clustering { get; init; }

    /// <summary>The page title.</summary>
    /// <value>The default value is "Customer loyalty report".</value>
    /// <exception cref="ArgumentException">Set to null or blank.</exception>
    public string Title
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Title));
            field = value;
        }
    } = DefaultTitle;

    /// <summary>How the page gets plotly.js.</summary>
    /// <value>The default value is <see cref="PlotlyScript.Embedded"/> (the page opens offline).</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public PlotlyScript Plotly { get; init => field = value ?? throw new ArgumentNullException(nameof(Plotly), "Plotly must be a PlotlyScript (PlotlyScript.Embedded or PlotlyScript.FromUrl)."); } = PlotlyScript.Embedded;

    /// <summary>How many customers the table of top customers by lifetime value lists.</summary>
    /// <value>The default value is 20.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1 or more than <see cref="MaxTopCustomers"/>.</exception>
    public int TopCustomers
    {
        get;
        init => field = value is >= 1 and <= MaxTopCustomers
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TopCustomers), value, $"TopCustomers must be between 1 and {MaxTopCustomers:N0}.");
    } = DefaultTopCustomers;

    /// <summary>How the 3D plot of <see cref="Clustering"/> samples customers (its features are always Recency, Frequency, Monetary).</summary>
    /// <value>The default value is the defaults of <see cref="SegmentPlotOptions"/> with the title "Customer segments on recency, frequency and monetary value".</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public SegmentPlotOptions ClusterPlot
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(ClusterPlot));
    } = new() { Title = "Customer segments on recency, frequency and monetary value" };
}
