using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly.Page;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Stability;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly;

/// <summary>The sections of the segment report that come from the evidence of a segmentation: rules, stability, membership probabilities, scores.</summary>
internal static class ReportSections
{
    /// <summary>A customer whose highest membership probability is below this is counted as uncertain.</summary>
    public const double UncertainBelow = 0.8;

    /// <summary>The scores for each K as a table: the chosen K starred, "n/a" where a score is undefined; sorted by value.</summary>
    public static HtmlTable Scores(ElbowCurveData elbow)
    {
        var headers = new List<string> { "K", "Inertia" };
        var cells = elbow.Ks.Select((k, i) => new List<string> { (k == elbow.ChosenK ? "★ " : "") + ExportText.Number(k), SegmentView.Format(elbow.Inertias[i]) }).ToList();
        var keys = elbow.Ks.Select((k, i) => new List<double> { k, elbow.Inertias[i] }).ToList();
        AddScores("Silhouette (higher is better)", elbow.Silhouette);
        AddScores("Calinski-Harabasz (higher is better)", elbow.CalinskiHarabasz);
        AddScores("Davies-Bouldin (lower is better)", elbow.DaviesBouldin);
        return new HtmlTable("Scores for each K (★ marks the chosen K)", headers, cells, keys);

        void AddScores(string name, ImmutableArray<double?> scores)
        {
            if (scores.IsEmpty)
            {
                return;
            }

            headers.Add(name);
            for (int i = 0; i < scores.Length; i++)
            {
                cells[i].Add(scores[i] is double v ? ExportText.Score(v) : "n/a");
                keys[i].Add(scores[i] ?? double.NaN);
            }
        }
    }

    /// <summary>The rules section: each segment's rule in the customers' units (display names) with its precision, recall and coverage.</summary>
    public static XmlNode Rules(SegmentRules rules, ReportEvidence evidence)
    {
        string[] headers = ["Segment", "Name", "Rule", "Customers", "Precision", "Recall (fidelity)", "Coverage"];
        var rows = new List<IReadOnlyList<string>>();
        var keys = new List<IReadOnlyList<double>>();
        foreach (SegmentRule rule in rules.Rules)
        {
            double coverage = rules.Customers == 0 ? 0 : (double)rule.Predicted / rules.Customers;
            rows.Add([
                ExportText.Number(rule.Segment), evidence.Naming.Name(rule.Segment), RuleText(rule, evidence.Columns), ExportText.Count(rule.Customers),
                ExportText.Percent(rule.Precision), ExportText.Percent(rule.Fidelity), ExportText.Percent(coverage),
            ]);
            keys.Add([rule.Segment, double.NaN, double.NaN, rule.Customers, rule.Precision, rule.Fidelity, coverage]);
        }

        string lead = string.Create(
            CultureInfo.InvariantCulture,
            $"A decision tree of depth {rules.Depth} reproduces the segments from the customers' own values: it places {rules.Fidelity * 100:0.0}% of the {rules.Customers:N0} customers in their segment{(rules.Sampled ? $" (it was grown on a random sample of {rules.LearntFrom:N0} of them)" : "")}. Precision: of the customers a rule selects, the share in the segment; recall: of the segment's customers, the share the rule selects; coverage: the share of all customers the rule selects.");
        return Card("rules", "Segment rules", lead, new HtmlTable("Each segment as a rule", headers, rows, keys), "rules-table");
    }

    /// <summary>The stability section: per segment its mean Jaccard similarity over the bootstrap resamples and its verdict.</summary>
    public static XmlNode Stability(StabilityResult stability, ReportEvidence evidence)
    {
        string[] headers = ["Segment", "Name", "Customers", "Mean Jaccard", "Dissolved (of resamples)", "Verdict"];
        var rows = new List<IReadOnlyList<string>>();
        var keys = new List<IReadOnlyList<double>>();
        foreach (SegmentStability segment in stability.Segments)
        {
            rows.Add([
                ExportText.Number(segment.Segment), evidence.Naming.Name(segment.Segment), ExportText.Count(segment.Size), ExportText.Score(segment.MeanJaccard),
                string.Create(CultureInfo.InvariantCulture, $"{segment.Dissolved} of {stability.Resamples}"), Verdict(segment.Verdict),
            ]);
            keys.Add([segment.Segment, double.NaN, segment.Size, segment.MeanJaccard, segment.Dissolved, (double)segment.Verdict]);
        }

        string lead = string.Create(
            CultureInfo.InvariantCulture,
            $"{Verdict(stability.Verdict)} over {stability.Resamples} bootstrap resamples: each segment's mean Jaccard similarity to its best match in a resample (Hennig 2007). 0.85 or more reads highly stable, 0.75 stable, above 0.5 weak, 0.5 or less dissolved; the segmentation is as stable as its weakest segment, {stability.Weakest.Segment} · {evidence.Naming.Name(stability.Weakest.Segment)}. Size-weighted mean {stability.MeanJaccard:0.000}.");
        return Card("stability", "Stability", lead, new HtmlTable("Bootstrap stability per segment", headers, rows, keys), "stability-table");
    }

    /// <summary>The membership section (soft clusterings): per segment the mean top probability and the customers whose top probability is below <see cref="UncertainBelow"/>.</summary>
    public static XmlNode Probabilities(SegmentationResult result, SegmentNaming naming)
    {
        int k = result.K;
        var count = new int[k];
        var uncertain = new int[k];
        var sum = new double[k];
        foreach (SegmentAssignment assignment in result.Assignments)
        {
            double top = assignment.Probabilities!.Max();
            int s = assignment.Segment - 1;
            count[s]++;
            sum[s] += top;
            uncertain[s] += top < UncertainBelow ? 1 : 0;
        }

        string[] headers = ["Segment", "Name", "Customers", "Mean top probability", "Uncertain customers", "Uncertain share"];
        var rows = new List<IReadOnlyList<string>>();
        var keys = new List<IReadOnlyList<double>>();
        for (int s = 0; s < k; s++)
        {
            double mean = count[s] == 0 ? double.NaN : sum[s] / count[s];
            double share = count[s] == 0 ? 0 : (double)uncertain[s] / count[s];
            rows.Add([
                ExportText.Number(s + 1), naming.Name(s + 1), ExportText.Count(count[s]), double.IsNaN(mean) ? ProfileTable.Missing : ExportText.Score(mean),
                ExportText.Count(uncertain[s]), ExportText.Percent(share),
            ]);
            keys.Add([s + 1, double.NaN, count[s], mean, uncertain[s], share]);
        }

        int all = uncertain.Sum();
        string lead = string.Create(
            CultureInfo.InvariantCulture,
            $"The mixture gives each customer a probability of belonging to each segment; a customer is assigned to the most probable one. A customer whose highest probability is below {UncertainBelow:0.0} counts as uncertain: {all:N0} of {result.Assignments.Count:N0} customers ({(double)all / result.Assignments.Count * 100:0.0}%).");
        return Card("probabilities", "Membership probabilities", lead, new HtmlTable(string.Create(CultureInfo.InvariantCulture, $"Membership per segment (uncertain: top probability below {UncertainBelow:0.0})"), headers, rows, keys), "probabilities-table");
    }

    /// <summary>A card of the page: its heading, a paragraph that explains it and a table.</summary>
    private static XmlNode Card(string id, string heading, string lead, HtmlTable table, string tableId)
        => PageNodes.Section(id, [PageNodes.Heading(heading, id + "-heading"), PageNodes.Paragraph(lead), table.ToNode(tableId, fitWidth: true)]);

    /// <summary>A verdict in words.</summary>
    public static string Verdict(StabilityVerdict verdict) => verdict switch
    {
        StabilityVerdict.HighlyStable => "Highly stable",
        StabilityVerdict.Stable => "Stable",
        StabilityVerdict.Weak => "Weak",
        _ => "Dissolved",
    };

    /// <summary>A segment's rule with each feature under its display name (the bounds as the core writes them).</summary>
    private static string RuleText(SegmentRule rule, ColumnDisplayNames columns)
    {
        if (!rule.HasRule || !columns.RenamesAny)
        {
            return rule.Text;
        }

        IEnumerable<string> paths = rule.Paths.Select(p => p.Conditions.IsEmpty
            ? p.Text
            : string.Join(" and ", p.Conditions.Select(c => c.Text.Replace(c.Feature, columns[c.Feature], StringComparison.Ordinal))));
        return rule.Paths.Length == 1 ? paths.Single() : string.Join(" or ", paths.Select(p => $"({p})"));
    }
}
