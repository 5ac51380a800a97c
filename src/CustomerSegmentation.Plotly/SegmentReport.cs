using System.Globalization;
using System.Text;

using CustomerSegmentation.Data;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly.Page;
using CustomerSegmentation.Selection;

using Plotly.NET;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// One self-contained HTML page describing a segmentation, in cards: the key figures (customers, segments, the chosen
/// K and why, inertia and quality scores, stability and the gap statistic's K when known), the customers plot with a
/// note on sampling, the segment sizes and a heatmap of the centres, the segment profiles as a sortable table, the segments' rules, their stability, the membership
/// probabilities (Gaussian mixtures), the choice of K (elbow chart and scores table) and a download of every
/// customer's segment as CSV. plotly.js is embedded in the page by default, so it opens with no network at all. Made by
/// <see cref="SegmentationReports.ToReport(SegmentationResult, SegmentReportOptions?)"/>; immutable; the page is built by <see cref="ToHtml"/>.
/// </summary>
public sealed class SegmentReport
{
    private readonly SegmentView _view;
    private readonly SegmentReportOptions _options;
    private readonly ReportEvidence? _evidence;

    /// <summary>Prepares a report (the sample for the customers plot is drawn here).</summary>
    /// <param name="segments">The customers, segments and centres for the plot.</param>
    /// <param name="elbow">The elbow curve and scores, or null to leave that section out.</param>
    /// <param name="profile">The segment profile table, or null to leave it out.</param>
    /// <param name="options">How the plot is drawn; the defaults of <see cref="SegmentPlotOptions"/> when null.</param>
    /// <param name="title">The page title. The default is "Customer segmentation report".</param>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="title"/> is blank, or an option names a feature that does not exist.</exception>
    internal SegmentReport(
        SegmentPlotData segments,
        ElbowCurveData? elbow = null,
        ProfileTableData? profile = null,
        SegmentPlotOptions? options = null,
        string title = SegmentReportOptions.DefaultTitle)
        : this(segments, elbow, profile, new SegmentReportOptions { Title = title, Plot = options ?? new SegmentPlotOptions() }, evidence: null)
    {
    }

    /// <summary>Prepares a report with everything a segmentation result adds (<paramref name="evidence"/>, null for none).</summary>
    internal SegmentReport(SegmentPlotData segments, ElbowCurveData? elbow, ProfileTableData? profile, SegmentReportOptions options, ReportEvidence? evidence)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _evidence = evidence;
        _view = SegmentView.Create(segments, options.Plot);
        Elbow = elbow;
        Profile = profile;
        Download = evidence is { } e
            ? AssignmentsDownload.Create(
                [.. e.Result.Assignments.Select(a => a.CustomerId)],
                [.. e.Result.Assignments.Select(a => a.Segment)],
                e.Naming,
                e.Result.Assignments[0].Probabilities is null ? null : [.. e.Result.Assignments.Select(a => a.Probabilities)])
            : AssignmentsDownload.Create(segments.CustomerIds, [.. segments.Labels.Select(l => l + 1)], SegmentNaming.Of(segments.SegmentNames, new Dictionary<int, string>()), null);
    }

    /// <summary>The page title.</summary>
    public string Title => _options.Title;

    /// <summary>The elbow curve shown, or null.</summary>
    internal ElbowCurveData? Elbow { get; }

    /// <summary>The profile table shown, or null.</summary>
    internal ProfileTableData? Profile { get; }

    /// <summary>The assignments offered for download.</summary>
    internal AssignmentsDownload Download { get; }

    /// <summary>The number of customers drawn in the customers plot.</summary>
    public int PlottedCustomers => _view.Rows.Length;

    /// <summary>The number of customers in the data.</summary>
    public int TotalCustomers => _view.Data.RowCount;

    /// <summary>The sentence on the page that says how many customers the plot shows and how they were chosen.</summary>
    public string SamplingNote => _view.IsSampled
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"The customers plot shows a random sample of {PlottedCustomers:N0} of the {TotalCustomers:N0} customers (seed {_options.Plot.Seed}), drawn from each segment in proportion to its size so that every segment is represented. Centres, scores, profiles and the download use all customers.")
        : string.Create(CultureInfo.InvariantCulture, $"The customers plot shows all {TotalCustomers:N0} customers.");

    /// <summary>
    /// The complete HTML document, with plotly.js embedded (unless <see cref="SegmentReportOptions.Plotly"/> says
    /// otherwise). Text from the data (ids, category values, feature and column names, segment labels and names) and
    /// the title are shown as text: encoded in the page, shown literally by plotly.js, and escaped in the chart JSON
    /// so that nothing in it can end or comment out its script element.
    /// </summary>
    /// <returns>The HTML document.</returns>
    public string ToHtml()
    {
        var body = new List<XmlNode> { KeyFigures() };
        body.Add(PageNodes.Section("customers", [
            PageNodes.Heading("Customers by segment", "customers-heading"),
            .. ChartHtml.Nodes(SegmentCharts.Customers(_view, _options.Plot.Title)),
            PageNodes.Paragraph(SamplingNote, id: "sampling-note"),
        ]));
        body.Add(PageNodes.Section("segments-at-a-glance", [
            PageNodes.Heading("Segments at a glance", "segments-at-a-glance-heading"),
            PageNodes.Paragraph("How many customers each segment holds, and where each segment's centre lies against all customers: the number of standard deviations above (red) or below (blue) the overall mean, with the centre in the feature's own units on hover."),
            PageNodes.Div("pair", [
                PageNodes.Div("chart-box", ChartHtml.Nodes(SegmentCharts.SegmentSizes(_view.Data))),
                PageNodes.Div("chart-box", ChartHtml.Nodes(SegmentCharts.CentreHeatmap(_view.Data))),
            ]),
        ]));
        if (Profile is not null)
        {
            body.Add(PageNodes.Section("profiles", [
                PageNodes.Heading("Segment profiles", "profiles-heading"),
                PageNodes.Paragraph("Each feature as mean ± standard deviation (min–max) in its own units; click a column header to sort."),
                Profile.Table.ToNode("profile-table", fitWidth: true),
            ]));
        }

        if (_evidence is { } evidence)
        {
            if (evidence.Result.Rules is { } rules)
            {
                body.Add(ReportSections.Rules(rules, evidence));
            }

            if (evidence.Result.Stability is { } stability)
            {
                body.Add(ReportSections.Stability(stability, evidence));
            }

            if (evidence.Result.Assignments is [{ Probabilities: not null }, ..])
            {
                body.Add(ReportSections.Probabilities(evidence.Result, evidence.Naming));
            }
        }

        if (Elbow is not null)
        {
            var choosing = new List<XmlNode> { PageNodes.Heading("Choosing the number of segments", "choosing-k-heading") };
            choosing.AddRange(ChartHtml.Nodes(SegmentCharts.Elbow(Elbow)));
            choosing.Add(ReportSections.Scores(Elbow).ToNode("scores-table", fitWidth: true));
            body.Add(PageNodes.Section("choosing-k", choosing));
        }

        bool probabilities = _evidence?.Result.Assignments is [{ Probabilities: not null }, ..];
        body.Add(PageNodes.Section("downloads", [PageNodes.Heading("Downloads", "downloads-heading"), .. DownloadNodes(Download, probabilities, AssignmentsDownload.MaxEmbeddedBytes)]));
        return PageDocument.Render(Title, Lead(), body, _options.Plotly);
    }

    /// <summary>
    /// The downloads section's content: the link to every customer's segment, or, when the compressed file is larger
    /// than <paramref name="budget"/> bytes (so that a report of a million customers with random ids stays small), a
    /// note that says so and how to write the file instead. Nothing is left out silently.
    /// </summary>
    internal static IEnumerable<XmlNode> DownloadNodes(AssignmentsDownload download, bool probabilities, int budget)
    {
        string what = "Every customer's segment number and segment name" + (probabilities ? " and probability of each segment" : "") + ", as CSV.";
        if (download.Gzip.Length > budget)
        {
            yield return PageNodes.Paragraph(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{what} The file of all {download.Customers:N0} customers takes {download.Gzip.Length / 1e6:0.0} MB compressed, more than the {budget / 1e6:0.0} MB this page embeds, so it is not in the page: write it with SegmentationResult.WriteAssignmentsCsv (the sample writes it as segments.csv beside the report)."),
                id: "download-too-large",
                cssClass: "warning");
            yield break;
        }

        yield return PageNodes.Paragraph(what + " The file is inside this page; nothing is fetched.");
        yield return PageNodes.CompressedDownloadLink(download.LinkText, AssignmentsDownload.FileName, "text/csv", download.Gzip, "download-assignments", columns: true);
        yield return PageNodes.DownloadScript();
    }

    /// <summary>
    /// Writes <see cref="ToHtml"/> to a file as UTF-8, replacing it if it exists only once the new file is complete (it is
    /// written to a temporary file in the same folder and moved into place; a failure leaves the old file as it was).
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

    private string Lead()
        => string.Create(CultureInfo.InvariantCulture, $"{TotalCustomers:N0} customers in {_view.Data.SegmentCount} segments.");

    private XmlNode KeyFigures()
    {
        var figures = new List<(string Value, string Caption)>
        {
            (ExportText.Count(TotalCustomers), "Customers"),
            (ExportText.Count(_view.Data.SegmentCount), "Segments"),
        };
        int k = _view.Data.SegmentCount;
        if (Elbow is { } elbow)
        {
            figures.Add((ExportText.Number(elbow.ChosenK), elbow.Ks.Length > 1 ? $"Chosen K (of {elbow.Ks[0]}–{elbow.Ks[^1]})" : "Chosen K"));
            k = elbow.ChosenK;
        }

        ElbowResult? sweep = _evidence?.Result.Elbow;
        if (sweep?.GapChosenK is int gap)
        {
            figures.Add((ExportText.Number(gap), "Gap statistic's K"));
        }

        double? inertia = _evidence?.Result.Inertia ?? (Elbow is { } e ? e.Inertias[e.Ks.IndexOf(k)] : null);
        if (inertia is double value)
        {
            figures.Add((SegmentView.Format(value), "Inertia"));
        }

        if (Elbow is { } curve)
        {
            int at = curve.Ks.IndexOf(curve.ChosenK);
            AddScore(figures, curve.Silhouette, at, "Silhouette");
            AddScore(figures, curve.CalinskiHarabasz, at, "Calinski-Harabasz");
            AddScore(figures, curve.DaviesBouldin, at, "Davies-Bouldin");
        }

        if (_evidence?.Result.Stability is { } stability)
        {
            figures.Add((ReportSections.Verdict(stability.Verdict), "Stability (weakest segment)"));
            figures.Add((ExportText.Score(stability.MeanJaccard), "Mean Jaccard"));
        }

        var nodes = new List<XmlNode> { PageNodes.KeyFigures(figures) };
        if (_evidence is { } evidence)
        {
            nodes.Add(PageNodes.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Why K = {evidence.Result.K}: {evidence.Result.KReason}"), id: "k-reason"));
        }
        else if (Elbow?.Note is { } note)
        {
            nodes.Add(PageNodes.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Why K = {Elbow.ChosenK}: {note}"), id: "k-reason"));
        }

        return PageNodes.Section("key-figures", nodes);
    }

    private static void AddScore(List<(string Value, string Caption)> figures, System.Collections.Immutable.ImmutableArray<double?> scores, int at, string name)
    {
        if (!scores.IsEmpty && scores[at] is double score)
        {
            figures.Add((ExportText.Score(score), name));
        }
    }
}
