using System.Globalization;

using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Selection;

using Microsoft.FSharp.Core;

using Plotly.NET;
using Plotly.NET.TraceObjects;

using CSharpChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// Plotly.NET charts of a segmentation: the 3D segment plot, the elbow chart and tables. Text from the data (names,
/// labels, ids, category values, titles) is shown literally: its <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are written
/// as entities, so plotly.js never reads markup from the data.
/// </summary>
public static class SegmentCharts
{
    /// <summary>The legend name of the trace that marks the segment centres in the 3D plot.</summary>
    public const string CentresTraceName = "Segment centres";

    /// <summary>
    /// A 3D scatter plot of the customers in original units, one trace per segment (named "number · label", segments
    /// 1..K in order) plus a last trace of diamond markers for the segment centres of the model. Hovering a customer
    /// shows its id, segment, every feature and every extra column kept. Large data is sampled (see
    /// <see cref="SegmentPlotOptions.MaxPoints"/>).
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="options">How to draw; the defaults of <see cref="SegmentPlotOptions"/> when null.</param>
    /// <returns>The chart, with K + 1 traces.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The segmentation has fewer than three features, or an option names a feature that does not exist (the message lists the features).
    /// </exception>
    public static GenericChart Scatter3D(SegmentationResult result, SegmentPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Scatter3D(SegmentPlotData.From(result), options);
    }

    /// <summary>
    /// The elbow chart of a sweep: inertia against K as a line with markers, and the chosen K marked with a star (two
    /// traces); the reason for the choice is shown under the title.
    /// </summary>
    /// <param name="elbow">The elbow sweep, for example <see cref="SegmentationResult.Elbow"/>.</param>
    /// <returns>The chart, with two traces.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="elbow"/> is null.</exception>
    public static GenericChart Elbow(ElbowResult elbow)
    {
        ArgumentNullException.ThrowIfNull(elbow);
        return Elbow(ElbowCurveData.From(elbow, elbow.Reason));
    }

    /// <summary>
    /// A table of the scores for each K of a sweep: inertia, silhouette, Calinski-Harabasz and Davies-Bouldin ("n/a"
    /// where undefined), with the chosen K starred.
    /// </summary>
    /// <param name="elbow">The elbow sweep, for example <see cref="SegmentationResult.Elbow"/>.</param>
    /// <returns>A one-trace table chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="elbow"/> is null.</exception>
    public static GenericChart Scores(ElbowResult elbow)
    {
        ArgumentNullException.ThrowIfNull(elbow);
        return Scores(ElbowCurveData.From(elbow, elbow.Reason));
    }

    /// <summary>
    /// The segment profile table as a Plotly table chart, cell for cell as the Markdown export writes it: per segment
    /// (1..K) its label, customers, share, each feature's mean ± sd (min–max) and the composition of each extra column.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <returns>A one-trace table chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static GenericChart ProfileTable(SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ProfileTable(ProfileTableData.From(result));
    }

    /// <summary>The 3D plot of <paramref name="data"/>: one trace per segment, then the centres.</summary>
    internal static GenericChart Scatter3D(SegmentPlotData data, SegmentPlotOptions? options = null)
    {
        options ??= new SegmentPlotOptions();
        return Scatter3D(SegmentView.Create(data, options), options.Title);
    }

    /// <summary>The elbow chart of <paramref name="elbow"/>; its note, if any, is shown under the title.</summary>
    internal static GenericChart Elbow(ElbowCurveData elbow)
    {
        ArgumentNullException.ThrowIfNull(elbow);
        double chosenInertia = elbow.Inertias[elbow.Ks.IndexOf(elbow.ChosenK)];
        GenericChart curve = CSharpChart.Line<int, double, string>(
            elbow.Ks, elbow.Inertias, ShowMarkers: true, Name: "Inertia");
        GenericChart chosen = CSharpChart.Point<int, double, string>(
            [elbow.ChosenK], [chosenInertia], Name: $"Chosen K = {elbow.ChosenK}", MarkerSymbol: StyleParam.MarkerSymbol.Star);
        chosen = PlotlyStyle.WithMarker(chosen, 18, Color.fromKeyword(ColorKeyword.Crimson));
        string title = "Elbow method: inertia against the number of segments K";
        if (elbow.Note is not null)
        {
            title += "<br><sub>" + PlotlyText.Literal(elbow.Note) + "</sub>";
        }

        GenericChart chart = CSharpChart.Combine([curve, chosen])
            .WithXAxisStyle<int, int, int>(TitleText: "Number of segments (K)")
            .WithYAxisStyle<int, int, int>(TitleText: "Inertia (within-segment sum of squares)")
            .WithSize(Width: 900, Height: 450);
        return PlotlyStyle.WithTitle(chart, title);
    }

    /// <summary>The scores table of <paramref name="elbow"/>: inertia and whichever scores were computed.</summary>
    internal static GenericChart Scores(ElbowCurveData elbow)
    {
        ArgumentNullException.ThrowIfNull(elbow);
        var headers = new List<string> { "K", "Inertia" };
        var columns = new List<IEnumerable<string>>
        {
            elbow.Ks.Select(k => (k == elbow.ChosenK ? "★ " : "") + k.ToString(CultureInfo.InvariantCulture)),
            elbow.Inertias.Select(SegmentView.Format),
        };
        AddScores(headers, columns, "Silhouette (higher is better)", elbow.Silhouette);
        AddScores(headers, columns, "Calinski-Harabasz (higher is better)", elbow.CalinskiHarabasz);
        AddScores(headers, columns, "Davies-Bouldin (lower is better)", elbow.DaviesBouldin);
        return Table("Scores for each K (★ marks the chosen K)", headers, columns, elbow.Ks.Length);
    }

    /// <summary>The profile table of <paramref name="profile"/> as a Plotly table chart.</summary>
    internal static GenericChart ProfileTable(ProfileTableData profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        IEnumerable<IEnumerable<string>> columns = Enumerable.Range(0, profile.Headers.Length)
            .Select(c => profile.Rows.Select(r => r[c]).ToArray());
        return Table("Segment profiles", profile.Headers, columns, profile.Rows.Length);
    }

    internal static GenericChart Scatter3D(SegmentView view, string title)
    {
        SegmentPlotData data = view.Data;
        var charts = new List<GenericChart>(data.SegmentCount + 1);
        for (int s = 0; s < data.SegmentCount; s++)
        {
            int[] members = Enumerable.Range(0, view.Rows.Length).Where(i => data.Labels[view.Rows[i]] == s).ToArray();
            GenericChart segment = CSharpChart.Scatter3D<double, double, double, string>(
                members.Select(i => view.Points[i][0]),
                members.Select(i => view.Points[i][1]),
                members.Select(i => view.Points[i][2]),
                StyleParam.Mode.Markers,
                Name: PlotlyText.Literal(data.SegmentNames[s]),
                MultiText: members.Select(i => view.HoverText(view.Rows[i])).ToArray());
            charts.Add(PlotlyStyle.WithMarker(segment, 3, opacity: 0.8));
        }

        GenericChart centres = CSharpChart.Scatter3D<double, double, double, string>(
            view.Centres.Select(c => c[0]),
            view.Centres.Select(c => c[1]),
            view.Centres.Select(c => c[2]),
            StyleParam.Mode.Markers,
            Name: CentresTraceName,
            MultiText: Enumerable.Range(0, data.SegmentCount).Select(view.CentreText).ToArray());
        charts.Add(PlotlyStyle.WithMarker(centres, 12, Color.fromKeyword(ColorKeyword.Black), StyleParam.MarkerSymbol3D.Diamond));

        GenericChart chart = CSharpChart.Combine(charts).WithSize(Width: 1000, Height: 750);
        chart = PlotlyStyle.WithSceneAxisTitles(
            chart, PlotlyText.Literal(view.AxisTitles[0]), PlotlyText.Literal(view.AxisTitles[1]), PlotlyText.Literal(view.AxisTitles[2]));
        string subtitle = view.IsSampled
            ? string.Create(CultureInfo.InvariantCulture, $"<br><sub>{view.Rows.Length:N0} of {data.RowCount:N0} customers shown (seeded sample)</sub>")
            : "";
        return PlotlyStyle.WithTitle(chart, PlotlyText.Literal(title) + subtitle);
    }

    private static void AddScores(List<string> headers, List<IEnumerable<string>> columns, string name, System.Collections.Immutable.ImmutableArray<double?> scores)
    {
        if (!scores.IsEmpty)
        {
            headers.Add(name);
            columns.Add(scores.Select(s => s is double v ? SegmentView.Format(v) : "n/a"));
        }
    }

    private static GenericChart Table(string title, IEnumerable<string> headers, IEnumerable<IEnumerable<string>> columns, int rowCount)
    {
        TableCells header = TableCells.init<string[], string>(
            null, null, null, null, null, null, null, null, null, null, null,
            FSharpOption<IEnumerable<string[]>>.Some(headers.Select(h => new[] { PlotlyText.Literal(h) }).ToArray()));
        TableCells cells = TableCells.init<string[], string>(
            null, null, null, null, null, null, null, null, null, null, null,
            FSharpOption<IEnumerable<string[]>>.Some(columns.Select(c => c.Select(PlotlyText.Literal).ToArray()).ToArray()));
        GenericChart chart = CSharpChart.Table(header, cells, Name: title).WithSize(Width: 1000, Height: 140 + (30 * rowCount));
        return PlotlyStyle.WithTitle(chart, PlotlyText.Literal(title));
    }
}
