using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly.Loyalty;

using DynamicObj;

using Microsoft.FSharp.Core;

using Plotly.NET;

using Trace = Plotly.NET.Trace;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// Plotly.NET charts of loyalty results: the RFM grid, the named RFM segments, spend tiers and their movements, the
/// lifetime value distribution and the customers in 3D on recency, frequency and monetary value. Each chart fills the
/// width of its container; each can be shown alone with <see cref="ChartPages"/>. Text from the data (ids, tier names,
/// window labels) is shown literally.
/// </summary>
public static class LoyaltyCharts
{
    /// <summary>The number of bars of the lifetime value histogram.</summary>
    public const int LifetimeValueBins = 30;

    /// <summary>The number of bars of the P(alive) histogram (each 0.05 wide).</summary>
    public const int ProbabilityAliveBins = 20;

    private const string Blue = "#2563eb";
    private const string Amber = "#d97706";

    /// <summary>
    /// The RFM grid of customers: a heatmap of Recency score R (rows, 5 = most recent at the top) by Frequency score F
    /// (columns), each cell showing how many customers have those scores; hover adds the cell's revenue and its named segment.
    /// </summary>
    /// <param name="rfm">The RFM result.</param>
    /// <returns>A one-trace heatmap; z[r - 1][f - 1] is the number of customers with R = r and F = f.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rfm"/> is null.</exception>
    public static GenericChart RfmGrid(RfmResult rfm)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        RfmGrid grid = Loyalty.RfmGrid.Of(rfm);
        return GridHeatmap(grid, grid.Customers.Select(row => row.Select(c => (double)c).ToArray()).ToArray(), "%{z:,}", null, "Customers", Scale("#eff6ff", "#1d4ed8"),
            "The RFM grid: customers by recency and frequency score");
    }

    /// <summary>
    /// The RFM grid of money: the same R by F heatmap as <see cref="RfmGrid"/>, coloured by each cell's revenue (the
    /// sum of its customers' Monetary); hover adds the number of customers and the named segment.
    /// </summary>
    /// <param name="rfm">The RFM result.</param>
    /// <returns>A one-trace heatmap; z[r - 1][f - 1] is the revenue of the customers with R = r and F = f.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rfm"/> is null.</exception>
    public static GenericChart RfmGridRevenue(RfmResult rfm)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        RfmGrid grid = Loyalty.RfmGrid.Of(rfm);
        string[][] cellText = [.. grid.Revenue.Select(row => row.Select(m => LoyaltyText.Compact((double)m)).ToArray())];
        return GridHeatmap(grid, grid.Revenue.Select(row => row.Select(m => (double)m).ToArray()).ToArray(), "%{text}", cellText, "Revenue", Scale("#f0fdf4", "#15803d"),
            "The RFM grid: revenue by recency and frequency score");
    }

    /// <summary>
    /// The named RFM segments (Champions, Loyal Customers, ..., Hibernating, in that order from the top): for each, a bar
    /// of its share of customers and a bar of its share of revenue, so a segment that earns more than its size shows at
    /// a glance; hover gives the counts and money.
    /// </summary>
    /// <param name="rfm">The RFM result.</param>
    /// <returns>Two horizontal bar traces ("Customers", "Revenue"), ten bars each, in percent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rfm"/> is null.</exception>
    public static GenericChart Segments(RfmResult rfm)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        ImmutableArray<RfmSegmentSummary> summaries = rfm.SegmentSummaries();
        return ShareBars(
            "RFM segments: share of customers and of revenue",
            [.. summaries.Select(s => s.Name)],
            [.. summaries.Select(s => s.CustomerCount)],
            [.. summaries.Select(s => s.TotalMonetary)]);
    }

    /// <summary>
    /// The spend tiers, lowest at the top: for each, a bar of its share of customers and a bar of its share of the
    /// spend in the analysed period (Monetary); the tier labels carry their annualised-spend bounds.
    /// </summary>
    /// <param name="tiers">The tier assignment, from <see cref="SpendTiers.Assign"/>.</param>
    /// <returns>Two horizontal bar traces ("Customers", "Revenue"), one bar per tier each, in percent.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is null.</exception>
    public static GenericChart Tiers(SpendTierAssignment tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        return ShareBars(
            "Spend tiers (by annualised spend): share of customers and of revenue",
            [.. tiers.Summaries.Select(TierLabel)],
            [.. tiers.Summaries.Select(s => s.CustomerCount)],
            [.. tiers.Summaries.Select(s => s.TotalMonetary)]);
    }

    /// <summary>
    /// The tier movement matrix as a heatmap: rows are the tier in the earlier window, columns the tier in the later one
    /// ("No tier" first, then the tiers lowest first); each cell shows how many customers made that move.
    /// </summary>
    /// <param name="movements">The movements, e.g. one of <see cref="SpendTierHistory.Movements"/> or a projection.</param>
    /// <returns>A one-trace heatmap; z[from][to] counts the customers, index 0 being "No tier".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="movements"/> is null.</exception>
    public static GenericChart TierMovements(TierMovements movements)
    {
        ArgumentNullException.ThrowIfNull(movements);
        string[] names = [NoTier, .. movements.Tiers.Tiers.Select(t => PlotlyText.Literal(t.Name))];
        int size = names.Length;
        double[][] z = [.. Enumerable.Range(0, size).Select(_ => new double[size])];
        for (int i = 0; i < movements.Matrix.Length; i++)
        {
            z[i / size][i % size] = movements.Matrix[i].Customers;
        }

        string from = PlotlyText.Literal(movements.From.Label);
        string to = PlotlyText.Literal(movements.To.Label);
        Trace heatmap = PlotlyStyle.Trace("heatmap", new Dictionary<string, object?>
        {
            ["z"] = z,
            ["x"] = names,
            ["y"] = names,
            ["colorscale"] = Scale("#faf5ff", "#7e22ce"),
            ["texttemplate"] = "%{z:,}",
            ["hovertemplate"] = $"from %{{y}} ({from})<br>to %{{x}} ({to})<br>%{{z:,}} customers<extra></extra>",
            ["xgap"] = 2,
            ["ygap"] = 2,
            ["colorbar"] = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = "Customers" } },
        });
        return PlotlyFigure.Of(
            [heatmap],
            $"Tier movements {from} → {to}",
            new Dictionary<string, object?>
            {
                ["xaxis"] = PlotlyFigure.Axis($"Tier in {to}", ("type", "category"), ("side", "bottom")),
                ["yaxis"] = PlotlyFigure.Axis($"Tier in {from}", ("type", "category"), ("autorange", "reversed")),
            },
            120 + (60 * size));
    }

    /// <summary>
    /// The distribution of customer lifetime value over the result's horizon: a histogram whose x-axis is logarithmic
    /// when the values are skewed (the largest more than 20 times the median, as CLV usually is), so the many small
    /// values and the few large ones are both visible; on a log axis, values at or near zero are counted in the first bar.
    /// </summary>
    /// <param name="clv">The lifetime value result.</param>
    /// <returns>A one-trace bar chart of <see cref="LifetimeValueBins"/> bars.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clv"/> is null.</exception>
    public static GenericChart LifetimeValues(LifetimeValueResult clv)
    {
        ArgumentNullException.ThrowIfNull(clv);
        Distribution distribution = Distribution.Of([.. clv.Customers.Select(c => c.Clv)], LifetimeValueBins);
        string months = clv.Options.HorizonMonths.ToString(CultureInfo.InvariantCulture);
        return Histogram(
            distribution,
            $"Customer lifetime value over {months} months" + (distribution.IsLog ? " (log scale)" : ""),
            distribution.IsLog ? $"{months}-month CLV (log scale)" : $"{months}-month CLV",
            LoyaltyText.Money,
            "CLV",
            Blue);
    }

    /// <summary>The distribution of P(alive), the BG/NBD probability that a customer is still active: a histogram of 0.05-wide bars from 0 to 1.</summary>
    /// <param name="clv">The lifetime value result.</param>
    /// <returns>A one-trace bar chart of <see cref="ProbabilityAliveBins"/> bars.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clv"/> is null.</exception>
    public static GenericChart ProbabilityAlive(LifetimeValueResult clv)
    {
        ArgumentNullException.ThrowIfNull(clv);
        Distribution distribution = Distribution.Linear([.. clv.Customers.Select(c => c.ProbabilityAlive)], 0, 1, ProbabilityAliveBins);
        return Histogram(distribution, "P(alive): how likely each customer is still active", "P(alive)", v => LoyaltyText.Number(v), "P(alive)", Amber);
    }

    /// <summary>
    /// A clustering of RFM customers (for example <see cref="RfmResult.ToSegmentationPipeline"/> run) in 3D on Recency,
    /// Frequency and Monetary in original units, drawn with <see cref="SegmentCharts.Scatter3D(SegmentationResult, SegmentPlotOptions?)"/>,
    /// with a logarithmic axis for each of the three that is positive throughout and either was clustered on logs
    /// (<see cref="Scaling.FeatureScaling.LogStandard"/>, the scaling of <see cref="RfmResult.ToSegmentationPipeline"/>) or is
    /// skewed (largest value more than 20 times the median), so that the plot shows the space the clustering saw and
    /// customers do not collapse onto a line; an axis holding zero or negative values (Recency 0, net returns) stays linear.
    /// </summary>
    /// <param name="clustering">The segmentation; it must have the features Recency, Frequency and Monetary.</param>
    /// <param name="options">How to draw (sample size, seed, title); the features are always Recency, Frequency, Monetary.</param>
    /// <returns>The 3D chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clustering"/> is null.</exception>
    /// <exception cref="ArgumentException">The segmentation lacks one of the features Recency, Frequency or Monetary.</exception>
    public static GenericChart RfmClusters(SegmentationResult clustering, SegmentPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clustering);
        bool[] log = RfmLogAxes(clustering);
        options ??= new SegmentPlotOptions { Title = "Customer segments on recency, frequency and monetary value" };
        var plot = new SegmentPlotOptions
        {
            Features = RfmResult.FeatureNames,
            MaxPoints = options.MaxPoints,
            Seed = options.Seed,
            Title = options.Title,
        };
        return CustomersPlot.Draw(SegmentView.Create(SegmentPlotData.From(clustering), plot), plot.Title, log);
    }

    /// <summary>Which of Recency, Frequency and Monetary of <paramref name="clustering"/> get a log axis in <see cref="RfmClusters"/>.</summary>
    internal static bool[] RfmLogAxes(SegmentationResult clustering)
    {
        Data.FeatureMatrix features = clustering.Customers.Features;
        return
        [
            .. RfmResult.FeatureNames.Select(name =>
            {
                int j = features.FeatureNames.IndexOf(name);
                if (j < 0)
                {
                    throw new ArgumentException(
                        $"The segmentation has no feature '{name}' (it has {string.Join(", ", features.FeatureNames)}); cluster an RFM result's table (RfmResult.ToSegmentationPipeline) to plot it on recency, frequency and monetary value.",
                        nameof(clustering));
                }

                double[] column = [.. Enumerable.Range(0, features.RowCount).Select(i => (double)features[i, j])];
                return column.Length > 0 && column.All(v => v > 0) && (TookLogs(clustering) || Distribution.IsSkewed(column));
            }),
        ];
    }

    /// <summary>Whether the clustering ran on logs of the features (<see cref="Scaling.FeatureScaling.LogStandard"/>), so its space is a log space.</summary>
    internal static bool TookLogs(SegmentationResult clustering) => clustering.Scaler.Method == Scaling.FeatureScaling.LogStandard;

    /// <summary>The label of a tier: its name and its bounds of annualised spend, e.g. "Silver (1,000.00 to 2,500.00)".</summary>
    internal static string TierLabel(SpendTierSummary summary)
        => PlotlyText.Literal(summary.Tier.Name) + (summary.UpperBound is { } upper
            ? $" ({LoyaltyText.Money(summary.Tier.LowerBound)} to {LoyaltyText.Money(upper)})"
            : $" (from {LoyaltyText.Money(summary.Tier.LowerBound)})");

    /// <summary>The axis and cell label of "no tier" (no purchase in the window).</summary>
    internal const string NoTier = "No tier";

    private static GenericChart GridHeatmap(RfmGrid grid, double[][] z, string cellTemplate, string[][]? cellText, string measure, object[][] colours, string title)
    {
        int[] scores = [1, 2, 3, 4, 5];
        string[][][] custom =
        [
            .. scores.Select(r => scores.Select(f => new[]
            {
                LoyaltyText.Count(grid.Customers[r - 1][f - 1]),
                LoyaltyText.Money(grid.Revenue[r - 1][f - 1]),
                RfmSegments.Classify(r, f).DisplayName(),
            }).ToArray()),
        ];
        Trace heatmap = PlotlyStyle.Trace("heatmap", new Dictionary<string, object?>
        {
            ["z"] = z,
            ["x"] = scores,
            ["y"] = scores,
            ["customdata"] = custom,
            ["text"] = cellText,
            ["texttemplate"] = cellTemplate,
            ["hovertemplate"] = "R %{y} · F %{x}: %{customdata[2]}<br>%{customdata[0]} customers<br>revenue %{customdata[1]}<extra></extra>",
            ["colorscale"] = colours,
            ["xgap"] = 2,
            ["ygap"] = 2,
            ["colorbar"] = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = measure } },
        });
        return PlotlyFigure.Of(
            [heatmap],
            title,
            new Dictionary<string, object?>
            {
                ["xaxis"] = PlotlyFigure.Axis("F score (5 = most frequent)", ("dtick", 1)),
                ["yaxis"] = PlotlyFigure.Axis("R score (5 = most recent)", ("dtick", 1)),
            },
            440);
    }

    /// <summary>Two horizontal bar traces over <paramref name="names"/> (plotly-literal text): share of customers and share of revenue, in percent.</summary>
    private static GenericChart ShareBars(string title, string[] names, int[] customers, decimal[] revenue)
    {
        int totalCustomers = customers.Sum();
        decimal totalRevenue = revenue.Aggregate(0m, static (s, m) => s + m);
        double[] customerShares = [.. customers.Select(c => totalCustomers == 0 ? 0d : 100d * c / totalCustomers)];
        double[] revenueShares = [.. revenue.Select(m => 100d * LoyaltyText.Share(m, totalRevenue))];
        string[][] custom = [.. names.Select((_, i) => new[] { LoyaltyText.Count(customers[i]), LoyaltyText.Money(revenue[i]) })];
        Trace Bars(string name, double[] shares, string colour, string hover) => PlotlyStyle.Trace("bar", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["orientation"] = "h",
            ["y"] = names,
            ["x"] = shares,
            ["customdata"] = custom,
            ["text"] = shares.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture) + "%").ToArray(),
            ["textposition"] = "outside",
            ["cliponaxis"] = false,
            ["marker"] = new Dictionary<string, object> { ["color"] = colour },
            ["hovertemplate"] = hover,
        });
        double top = Math.Max(customerShares.DefaultIfEmpty(0).Max(), revenueShares.DefaultIfEmpty(0).Max());
        return PlotlyFigure.Of(
            [
                Bars("Customers", customerShares, Blue, "<b>%{y}</b><br>%{customdata[0]} customers (%{x:.1f}% of customers)<extra></extra>"),
                Bars("Revenue", revenueShares, Amber, "<b>%{y}</b><br>revenue %{customdata[1]} (%{x:.1f}% of revenue)<extra></extra>"),
            ],
            title,
            new Dictionary<string, object?>
            {
                ["barmode"] = "group",
                ["xaxis"] = PlotlyFigure.Axis("Share (%)", ("range", new[] { Math.Min(0, revenueShares.DefaultIfEmpty(0).Min() * 1.15), Math.Max(5, top * 1.15) })),
                ["yaxis"] = PlotlyFigure.Axis("", ("autorange", "reversed"), ("type", "category")),
                ["legend"] = new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 0, ["y"] = 1.02, ["yanchor"] = "bottom" },
                ["margin"] = new Dictionary<string, object> { ["l"] = 20, ["r"] = 30, ["t"] = 90, ["b"] = 60 },
            },
            Math.Max(340, 130 + (44 * names.Length)));
    }

    private static GenericChart Histogram(Distribution distribution, string title, string axisTitle, Func<double, string> format, string measure, string colour)
    {
        ImmutableArray<double> edges = distribution.Edges;
        int bins = distribution.Counts.Length;
        Func<double, double> position = distribution.IsLog ? Math.Log10 : v => v;
        double[] lows = [.. edges.Take(bins).Select(position)];
        double[] highs = [.. edges.Skip(1).Select(position)];
        string[] ranges =
        [
            .. Enumerable.Range(0, bins).Select(i => i == 0 && distribution.BelowRange > 0
                ? $"below {format(edges[1])}"
                : $"{format(edges[i])} to {format(edges[i + 1])}"),
        ];
        var axis = PlotlyFigure.Axis(axisTitle);
        if (distribution.IsLog)
        {
            (double[] values, string[] labels) = LogTicks(edges[0], edges[^1]);
            axis["tickvals"] = values;
            axis["ticktext"] = labels;
        }

        Trace bars = PlotlyStyle.Trace("bar", new Dictionary<string, object?>
        {
            ["name"] = measure,
            ["x"] = lows.Select((low, i) => (low + highs[i]) / 2).ToArray(),
            ["width"] = lows.Select((low, i) => highs[i] - low).ToArray(),
            ["y"] = distribution.Counts.ToArray(),
            ["customdata"] = ranges,
            ["marker"] = new Dictionary<string, object> { ["color"] = colour, ["line"] = new Dictionary<string, object> { ["color"] = "#fff", ["width"] = 1 } },
            ["hovertemplate"] = $"{measure} %{{customdata}}<br>%{{y:,}} customers<extra></extra>",
        });
        return PlotlyFigure.Of(
            [bars],
            title,
            new Dictionary<string, object?>
            {
                ["xaxis"] = axis,
                ["yaxis"] = PlotlyFigure.Axis("Customers"),
                ["bargap"] = 0,
                ["showlegend"] = false,
            },
            400);
    }

    /// <summary>A sequential colour scale from <paramref name="low"/> (for the smallest value) to <paramref name="high"/>.</summary>
    private static object[][] Scale(string low, string high) => [[0, low], [1, high]];

    /// <summary>Tick positions (log10) and labels for a log axis from <paramref name="low"/> to <paramref name="high"/>: powers of ten, and 2 and 5 times them when the range spans three decades or fewer.</summary>
    internal static (double[] Values, string[] Labels) LogTicks(double low, double high)
    {
        int first = (int)Math.Floor(Math.Log10(low));
        int last = (int)Math.Ceiling(Math.Log10(high));
        double[] steps = last - first <= 3 ? [1, 2, 5] : [1];
        double[] ticks = [.. Enumerable.Range(first, last - first + 1).SelectMany(e => steps.Select(s => s * Math.Pow(10, e))).Where(t => t >= low * 0.999 && t <= high * 1.001)];
        return ([.. ticks.Select(Math.Log10)], [.. ticks.Select(LoyaltyText.Compact)]);
    }
}
