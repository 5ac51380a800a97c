using System.Collections.Immutable;
using System.Globalization;
using System.Text;

using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly.Loyalty;
using CustomerSegmentation.Plotly.Page;

using Giraffe.ViewEngine;

using Plotly.NET;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// One self-contained HTML page of a loyalty analysis, as a marketer presents it: key figures, the RFM grid of customers
/// and of revenue, the named RFM segments, and, when given, spend tiers and their movements, lifetime values (their
/// distribution, P(alive), the top customers and the holdout check) and the customers in 3D by segment. Each section
/// is on the page only when its data is. Made by <see cref="LoyaltyReports.ToReport"/>; immutable.
/// </summary>
public sealed class LoyaltyReport
{
    /// <summary>The segments whose share of customers and revenue the key figures give.</summary>
    private static readonly RfmSegment[] TopSegments = [RfmSegment.Champions, RfmSegment.LoyalCustomers];

    private readonly RfmResult _rfm;
    private readonly LoyaltyReportOptions _options;

    /// <summary>Checks that every optional piece is about the customers of <paramref name="rfm"/>.</summary>
    /// <param name="rfm">The RFM analysis.</param>
    /// <param name="options">The optional pieces.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A piece is about other customers (see <see cref="LoyaltyReports.ToReport"/>).</exception>
    internal LoyaltyReport(RfmResult rfm, LoyaltyReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tiers is { } tiers && !tiers.CustomerIds.SequenceEqual(rfm.CustomerIds, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The spend tiers were assigned to other customers (or in another order) than the RFM result's {rfm.CustomerIds.Length:N0}; assign them with SpendTiers.Assign on this RFM result.",
                nameof(options));
        }

        if (options.LifetimeValue is { } clv)
        {
            var known = rfm.CustomerIds.ToHashSet(StringComparer.Ordinal);
            string[] unknown = [.. clv.Customers.Select(c => c.CustomerId).Where(id => !known.Contains(id))];
            if (unknown.Length > 0)
            {
                throw new ArgumentException(
                    $"The lifetime values are about {unknown.Length:N0} customers the RFM result does not have (the first is '{unknown[0]}'); analyse both from the same transactions.",
                    nameof(options));
            }
        }

        if (options.Holdout is { } holdout)
        {
            if (options.LifetimeValue is null)
            {
                throw new ArgumentException("A holdout check was given without the lifetime values it checks; set LifetimeValue too.", nameof(options));
            }

            if (holdout.Predicted.Length != options.LifetimeValue.Customers.Length)
            {
                throw new ArgumentException(
                    $"The holdout check predicts {holdout.Predicted.Length:N0} customers but the lifetime values hold {options.LifetimeValue.Customers.Length:N0}; evaluate the fit of these lifetime values on their own calibration split.",
                    nameof(options));
            }
        }

        if (options.Clustering is { } clustering)
        {
            if (!clustering.Customers.Ids.SequenceEqual(rfm.CustomerIds, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"The clustering is of other customers (or in another order) than the RFM result's {rfm.CustomerIds.Length:N0}; cluster this RFM result's table (RfmResult.ToSegmentationPipeline).",
                    nameof(options));
            }

            string[] missing = [.. RfmResult.FeatureNames.Where(f => !clustering.Customers.Features.FeatureNames.Contains(f))];
            if (missing.Length > 0)
            {
                throw new ArgumentException(
                    $"The clustering has no feature {string.Join(", ", missing.Select(m => $"'{m}'"))} (it has {string.Join(", ", clustering.Customers.Features.FeatureNames)}); cluster on Recency, Frequency and Monetary (RfmResult.ToSegmentationPipeline).",
                    nameof(options));
            }
        }

        _rfm = rfm;
        _options = options;
    }

    /// <summary>The page title.</summary>
    public string Title => _options.Title;

    /// <summary>The ids of the page's sections, in order: "summary", "rfm-grid", "segments", then "tiers", "movements", "lifetime-value", "clusters" when given.</summary>
    public ImmutableArray<string> Sections
    {
        get
        {
            var ids = new List<string> { "summary", "rfm-grid", "segments" };
            if (_options.Tiers is not null)
            {
                ids.Add("tiers");
            }

            if (_options.Movements is not null)
            {
                ids.Add("movements");
            }

            if (_options.LifetimeValue is not null)
            {
                ids.Add("lifetime-value");
            }

            if (_options.Clustering is not null)
            {
                ids.Add("clusters");
            }

            return [.. ids];
        }
    }

    /// <summary>The number of charts on the page.</summary>
    public int ChartCount => 3 + (_options.Tiers is null ? 0 : 1) + (_options.Movements is null ? 0 : 1) + (_options.LifetimeValue is null ? 0 : 2) + (_options.Clustering is null ? 0 : 1);

    /// <summary>
    /// The complete HTML document (plotly.js embedded unless <see cref="LoyaltyReportOptions.Plotly"/> says otherwise).
    /// Text from the data (customer ids, tier names) is shown as text: encoded in the page and shown literally by plotly.js.
    /// </summary>
    /// <returns>The HTML document.</returns>
    public string ToHtml()
    {
        var body = new List<XmlNode> { Summary(), Grid(), Segments() };
        if (_options.Tiers is { } tiers)
        {
            body.Add(Tiers(tiers));
        }

        if (_options.Movements is { } movements)
        {
            body.Add(Movements(movements));
        }

        if (_options.LifetimeValue is { } clv)
        {
            body.Add(LifetimeValue(clv, _options.Holdout));
        }

        if (_options.Clustering is { } clustering)
        {
            body.Add(Clusters(clustering));
        }

        string lead = string.Create(
            CultureInfo.InvariantCulture,
            $"RFM analysis of {_rfm.Records.Length:N0} customers, measured to {_rfm.AnalysisDate:yyyy-MM-dd} over {_rfm.ObservedWindowDays:N0} days; frequency counts {(_rfm.FrequencyBasis == FrequencyBasis.Orders ? "orders" : "purchase days")}.");
        return PageDocument.Render(Title, lead, body, _options.Plotly);
    }

    /// <summary>
    /// Writes <see cref="ToHtml"/> to a file as UTF-8, replacing it only once the new file is complete (written to a
    /// temporary file in the same folder and moved into place; a failure leaves an old file as it was).
    /// </summary>
    /// <param name="path">The file to write, typically ending in .html.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is left as it was.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] html = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToHtml());
        AtomicFile.Write(path, stream => stream.Write(html));
    }

    /// <summary>The sentence under the CLV charts on the scale of the CLV axis (log when skewed), or null without lifetime values.</summary>
    internal string? LifetimeValueScaleNote
    {
        get
        {
            if (_options.LifetimeValue is not { } clv)
            {
                return null;
            }

            double[] values = [.. clv.Customers.Select(c => c.Clv)];
            Distribution distribution = Distribution.Of(values, LoyaltyCharts.LifetimeValueBins);
            double median = values.Length == 0 ? 0 : MathNet.Numerics.Statistics.Statistics.Median(values);
            double max = values.Length == 0 ? 0 : values.Max();
            string ratio = median > 0 ? $"{LoyaltyText.Number(max / median, 1)} times the median {LoyaltyText.Money(median)}" : $"while the median is {LoyaltyText.Money(median)}";
            return distribution.IsLog
                ? $"CLV is skewed: the largest, {LoyaltyText.Money(max)}, is {ratio}, so its axis is logarithmic (more than {Distribution.SkewRatio:0} times the median draws on a log axis)."
                  + (distribution.BelowRange > 0 ? $" {LoyaltyText.Count(distribution.BelowRange)} {(distribution.BelowRange == 1 ? "customer with a CLV below " + distribution.Edges[0].ToString("G3", CultureInfo.InvariantCulture) + " is" : "customers with a CLV below " + distribution.Edges[0].ToString("G3", CultureInfo.InvariantCulture) + " are")} counted in the first bar." : "")
                : $"CLV is drawn on a linear axis: the largest, {LoyaltyText.Money(max)}, is {ratio} (a log axis is used above {Distribution.SkewRatio:0} times).";
        }
    }

    /// <summary>The sentence in the clustering section saying which axes are logarithmic, or null without a clustering.</summary>
    internal string? ClusterAxesNote
    {
        get
        {
            if (_options.Clustering is not { } clustering)
            {
                return null;
            }

            bool[] log = LoyaltyCharts.RfmLogAxes(clustering);
            string[] logged = [.. RfmResult.FeatureNames.Where((_, i) => log[i])];
            string[] linear = [.. RfmResult.FeatureNames.Where((_, i) => !log[i])];
            string why = LoyaltyCharts.TookLogs(clustering)
                ? "the clustering ran on their logs (LogStandard scaling), so the plot shows the space it saw"
                : $"{(logged.Length == 1 ? "it is" : "they are")} skewed (largest more than {Distribution.SkewRatio:0} times the median)";
            string first = logged.Length == 0
                ? "All three axes are linear."
                : $"{Join(logged)} {(logged.Length == 1 ? "is" : "are")} on a log axis because {why}.";
            return linear.Length == 0
                ? first
                : LoyaltyCharts.TookLogs(clustering)
                    ? $"{first} {Join(linear)} {(linear.Length == 1 ? "stays linear because it holds" : "stay linear because they hold")} zero or negative values, which a log axis cannot show."
                    : $"{first} {Join(linear)} {(linear.Length == 1 ? "stays" : "stay")} linear (not skewed, or holding zero or negative values, which a log axis cannot show).";
        }
    }

    private XmlNode Summary()
    {
        decimal total = _rfm.TotalMonetary;
        RfmSegmentSummary[] top = [.. _rfm.SegmentSummaries().Where(s => TopSegments.Contains(s.Segment))];
        double customerShare = top.Sum(s => s.Share);
        double revenueShare = LoyaltyText.Share(top.Aggregate(0m, static (sum, s) => sum + s.TotalMonetary), total);
        var figures = new List<(string, string)>
        {
            (LoyaltyText.Count(_rfm.Records.Length), "Customers"),
            (_rfm.AnalysisDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Analysis date"),
            (LoyaltyText.Money(total), "Revenue"),
            (LoyaltyText.Percent(customerShare), "Champions & Loyal: customers"),
            (LoyaltyText.Percent(revenueShare), "Champions & Loyal: revenue"),
        };
        if (_options.LifetimeValue is { } clv)
        {
            figures.Add((LoyaltyText.Money(clv.Customers.Sum(c => c.Clv)), $"Expected CLV, {clv.Options.HorizonMonths} months"));
            figures.Add((LoyaltyText.Number(clv.Customers.Select(c => c.ProbabilityAlive).DefaultIfEmpty(0).Average()), "Mean P(alive)"));
        }

        return PageNodes.Section("summary", [
            PageNodes.Heading("Key figures", "summary-heading"),
            PageNodes.KeyFigures(figures),
            PageNodes.Paragraph(
                $"Champions and Loyal Customers (R 3-5, F 4-5) are {LoyaltyText.Percent(customerShare)} of the customers and bring {LoyaltyText.Percent(revenueShare)} of the revenue. Revenue is net spend (purchases minus netted returns), in the currency of the data."),
        ]);
    }

    private XmlNode Grid()
        => PageNodes.Section("rfm-grid", [
            PageNodes.Heading("The RFM grid", "rfm-grid-heading"),
            PageNodes.Paragraph(
                "Each customer has a Recency score R and a Frequency score F from 1 to 5 (quintiles: 5 is the most recent, the most frequent). The first grid counts the customers of each cell, the second sums their revenue; hover a cell for both and for its named segment."),
            PageNodes.Div("pair", [Chart(LoyaltyCharts.RfmGrid(_rfm)), Chart(LoyaltyCharts.RfmGridRevenue(_rfm))]),
        ]);

    private XmlNode Segments()
    {
        ImmutableArray<RfmSegmentSummary> summaries = _rfm.SegmentSummaries();
        decimal total = _rfm.TotalMonetary;
        var table = new HtmlTable(
            "RFM segments",
            ["Segment", "Customers", "Share of customers", "Revenue", "Share of revenue", "Mean recency (days)", "Mean frequency", "Mean monetary"],
            [
                .. summaries.Select(s => (IReadOnlyList<string>)[
                    s.Name, LoyaltyText.Count(s.CustomerCount), LoyaltyText.Percent(s.Share), LoyaltyText.Money(s.TotalMonetary),
                    LoyaltyText.Percent(LoyaltyText.Share(s.TotalMonetary, total)), LoyaltyText.Number(s.MeanRecency, 1),
                    LoyaltyText.Number(s.MeanFrequency), LoyaltyText.Money(s.MeanMonetary)]),
            ],
            [
                .. summaries.Select(s => (IReadOnlyList<double>)[
                    (double)s.Segment, s.CustomerCount, s.Share, (double)s.TotalMonetary, LoyaltyText.Share(s.TotalMonetary, total),
                    s.MeanRecency, s.MeanFrequency, (double)s.MeanMonetary]),
            ]);
        return PageNodes.Section("segments", [
            PageNodes.Heading("Named RFM segments", "segments-heading"),
            PageNodes.Paragraph(
                "The named segments follow from R and F (Champions: R 5 and F 4-5; At Risk: R 1-2 and F 3-4; Hibernating: R 1-2 and F 1-2; ...). A revenue bar longer than its customer bar marks a segment worth more than its size."),
            Chart(LoyaltyCharts.Segments(_rfm)),
            table.ToNode("segment-table"),
        ]);
    }

    private static XmlNode Tiers(SpendTierAssignment tiers)
    {
        decimal total = tiers.Summaries.Aggregate(0m, static (sum, s) => sum + s.TotalMonetary);
        var table = new HtmlTable(
            "Spend tiers",
            ["Tier", "Annualised spend from", "to", "Customers", "Share of customers", "Revenue", "Share of revenue", "Annualised spend"],
            [
                .. tiers.Summaries.Select(s => (IReadOnlyList<string>)[
                    s.Tier.Name, LoyaltyText.Money(s.Tier.LowerBound), s.UpperBound is { } upper ? LoyaltyText.Money(upper) : "and above",
                    LoyaltyText.Count(s.CustomerCount), LoyaltyText.Percent(s.Share), LoyaltyText.Money(s.TotalMonetary),
                    LoyaltyText.Percent(LoyaltyText.Share(s.TotalMonetary, total)), LoyaltyText.Money(s.TotalAnnualisedSpend)]),
            ],
            [
                .. tiers.Summaries.Select((s, i) => (IReadOnlyList<double>)[
                    i, (double)s.Tier.LowerBound, s.UpperBound is { } upper ? (double)upper : double.MaxValue, s.CustomerCount, s.Share,
                    (double)s.TotalMonetary, LoyaltyText.Share(s.TotalMonetary, total), (double)s.TotalAnnualisedSpend]),
            ]);
        return PageNodes.Section("tiers", [
            PageNodes.Heading("Spend tiers", "tiers-heading"),
            PageNodes.Paragraph("Each customer's tier is set by their annualised spend (spend per year of tenure, at least a year); revenue is their spend in the analysed period."),
            Chart(LoyaltyCharts.Tiers(tiers)),
            table.ToNode("tier-table"),
        ]);
    }

    private static XmlNode Movements(TierMovements movements)
    {
        var table = new HtmlTable(
            $"Tier movements {movements.From.Label} → {movements.To.Label} by kind",
            ["Movement", "Customers", "Share"],
            [.. movements.ByKind.Select(k => (IReadOnlyList<string>)[KindName(k.Kind), LoyaltyText.Count(k.Customers), LoyaltyText.Percent(k.Share)])],
            [.. movements.ByKind.Select(k => (IReadOnlyList<double>)[(double)k.Kind, k.Customers, k.Share])]);
        return PageNodes.Section("movements", [
            PageNodes.Heading($"Tier movements {movements.From.Label} → {movements.To.Label}", "movements-heading"),
            PageNodes.Paragraph(
                $"The tier each customer earned in {movements.From.Label} (rows) against the one earned in {movements.To.Label} (columns); \"No tier\" means no purchase in that window. Cells on the diagonal kept their tier, cells right of it moved up."),
            Chart(LoyaltyCharts.TierMovements(movements)),
            table.ToNode("movement-table"),
        ]);
    }

    private XmlNode LifetimeValue(LifetimeValueResult clv, HoldoutEvaluation? holdout)
    {
        string unit = clv.Unit == PeriodUnit.Weeks ? "weeks" : "days";
        string window = string.Create(CultureInfo.InvariantCulture, $"next {clv.Options.PredictionPeriods:0.##} {(clv.Options.PredictionPeriods == 1 ? unit.TrimEnd('s') : unit)}");
        var nodes = new List<XmlNode>
        {
            PageNodes.Heading("Customer lifetime value", "lifetime-value-heading"),
            PageNodes.Paragraph(string.Create(
                CultureInfo.InvariantCulture,
                $"BG/NBD (repeat purchases, P(alive)) and Gamma-Gamma (spend per purchase) fitted on {clv.Customers.Length:N0} customers; CLV is the expected spend over the next {clv.Options.HorizonMonths} months, discounted at {clv.Options.MonthlyDiscountRate:0.##%} a month.")),
            PageNodes.Paragraph(LifetimeValueScaleNote!, id: "clv-scale-note"),
            PageNodes.Div("pair", [Chart(LoyaltyCharts.LifetimeValues(clv)), Chart(LoyaltyCharts.ProbabilityAlive(clv))]),
        };
        foreach (string warning in clv.Warnings)
        {
            nodes.Add(PageNodes.Paragraph("Fit warning: " + warning, cssClass: "warning"));
        }

        if (holdout is not null)
        {
            nodes.Add(PageNodes.Element(HtmlElements.h3, [], [PageNodes.Text("Holdout check")]));
            nodes.Add(PageNodes.KeyFigures([
                (LoyaltyText.Number(holdout.TotalPredicted, 1), "Predicted repeat purchases"),
                (LoyaltyText.Count(holdout.TotalActual), "Actual repeat purchases"),
                (double.IsFinite(holdout.TotalRelativeError) ? holdout.TotalRelativeError.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture) : "n/a", "Total error"),
                (LoyaltyText.Number(holdout.Correlation), "Per-customer correlation"),
                (holdout.CumulativeRelativeError.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture), "Cumulative error"),
            ]));
            nodes.Add(PageNodes.Paragraph("The BG/NBD fit of the calibration period predicts each customer's repeat purchases in the holdout period; the figures compare them with what the customers bought."));
        }

        nodes.Add(PageNodes.Element(HtmlElements.h3, [], [PageNodes.Text($"Top {Math.Min(_options.TopCustomers, clv.Customers.Length)} customers by CLV")]));
        CustomerLifetimeValue[] top = [.. clv.Customers.OrderByDescending(c => c.Clv).ThenBy(c => c.CustomerId, StringComparer.Ordinal).Take(_options.TopCustomers)];
        var table = new HtmlTable(
            "Top customers by lifetime value (purchases and spend per purchase are the models' expectations)",
            ["#", "Customer", $"CLV, {clv.Options.HorizonMonths} months", "P(alive)", "Purchases, " + window, "Spend per purchase", "Repeat purchases", "RFM segment", "Monetary"],
            [
                .. top.Select((c, i) =>
                {
                    RfmRecord record = _rfm[c.CustomerId];
                    return (IReadOnlyList<string>)[
                        LoyaltyText.Count(i + 1), c.CustomerId, LoyaltyText.Money(c.Clv), LoyaltyText.Number(c.ProbabilityAlive, 3),
                        LoyaltyText.Number(c.ExpectedPurchases, 3), LoyaltyText.Money(c.ExpectedAverageSpend), LoyaltyText.Count(c.Frequency),
                        record.Segment.DisplayName(), LoyaltyText.Money(record.Monetary)];
                }),
            ],
            [
                .. top.Select((c, i) => (IReadOnlyList<double>)[
                    i + 1, double.NaN, c.Clv, c.ProbabilityAlive, c.ExpectedPurchases, c.ExpectedAverageSpend, c.Frequency, (double)_rfm[c.CustomerId].Segment, (double)_rfm[c.CustomerId].Monetary]),
            ]);
        nodes.Add(table.ToNode("top-customers"));
        return PageNodes.Section("lifetime-value", nodes);
    }

    private XmlNode Clusters(SegmentationResult clustering)
        => PageNodes.Section("clusters", [
            PageNodes.Heading("Segments found by clustering", "clusters-heading"),
            PageNodes.Paragraph(string.Create(
                CultureInfo.InvariantCulture,
                $"{clustering.K} segments of the customers on recency, frequency and monetary value ({clustering.KReason.TrimEnd('.')}).")),
            PageNodes.Paragraph(ClusterAxesNote!, id: "cluster-axes-note"),
            Chart(LoyaltyCharts.RfmClusters(clustering, _options.ClusterPlot)),
        ]);

    private static XmlNode Chart(GenericChart chart) => PageNodes.Div("chart-box", ChartHtml.Nodes(chart));

    private static string KindName(TierMovementKind kind) => kind switch
    {
        TierMovementKind.Inactive => "Inactive (no tier in either window)",
        TierMovementKind.New => "New (no tier, then a tier)",
        TierMovementKind.Upgrade => "Upgraded",
        TierMovementKind.Retained => "Retained",
        TierMovementKind.Downgrade => "Downgraded",
        TierMovementKind.Lapsed => "Lapsed (a tier, then none)",
        _ => kind.ToString(),
    };

    private static string Join(string[] names)
        => names.Length <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];
}
