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
    /// The customers plot in original units, one trace per segment (named "number · label", segments 1..K in order)
    /// plus a last trace of open diamonds for the segment centres of the model, drawn on top. Its form follows the
    /// features: a 3D scatter plot for three, a 2D scatter plot for two, a strip plot per segment for one; with more
    /// than three the first three are drawn in 3D and menus put any feature on the x, y and z axes (unless
    /// <see cref="SegmentPlotOptions.Features"/> picks one to three of them, or
    /// <see cref="SegmentPlotOptions.UsePrincipalComponents"/> draws principal components). Hovering a customer shows
    /// only its id, segment, every feature and every extra column kept. Large data is sampled (see
    /// <see cref="SegmentPlotOptions.MaxPoints"/>).
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="options">How to draw; the defaults of <see cref="SegmentPlotOptions"/> when null.</param>
    /// <returns>The chart, with K + 1 traces (scatter3d, scatter, or box then scatter).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">An option names a feature that does not exist (the message lists the features).</exception>
    public static GenericChart Customers(SegmentationResult result, SegmentPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Customers(SegmentPlotData.From(result), options);
    }

    /// <summary>
    /// The customers plot, under its earlier name: the same chart as <see cref="Customers(SegmentationResult, SegmentPlotOptions?)"/> (3D for three features,
    /// 2D for two, a strip plot for one).
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="options">How to draw; the defaults of <see cref="SegmentPlotOptions"/> when null.</param>
    /// <returns>The chart, with K + 1 traces.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">An option names a feature that does not exist (the message lists the features).</exception>
    public static GenericChart Scatter3D(SegmentationResult result, SegmentPlotOptions? options = null)
        => Customers(result, options);

    /// <summary>
    /// The segment sizes: a horizontal bar per segment (1..K from the top) of its number of customers, labelled with
    /// the count and its share of all customers.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <returns>A one-trace bar chart.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static GenericChart SegmentSizes(SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return SegmentSizes(SegmentPlotData.From(result));
    }

    /// <summary>
    /// The segment centres compared: a heatmap (segment × feature) of each centre's z-score, (centre − overall mean) /
    /// overall standard deviation over all customers (population sd; 0 for a constant feature), on a diverging
    /// colour scale centred on 0. Hovering a cell shows the centre and the overall mean in original units.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <returns>A one-trace heatmap.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static GenericChart CentreHeatmap(SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return CentreHeatmap(SegmentPlotData.From(result));
    }

    /// <summary>
    /// The elbow chart of a sweep with all its scores, as small multiples against K: inertia, then silhouette,
    /// Calinski-Harabasz, Davies-Bouldin and the gap statistic where the sweep computed them, each a line with
    /// markers and the chosen K marked with a star; the reason for the choice is shown under the title.
    /// </summary>
    /// <param name="elbow">The elbow sweep, for example <see cref="SegmentationResult.Elbow"/>.</param>
    /// <returns>The chart, with two traces per panel (the curve, then the chosen K), inertia first.</returns>
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

    /// <summary>The customers plot of <paramref name="data"/>: one trace per segment, then the centres.</summary>
    internal static GenericChart Customers(SegmentPlotData data, SegmentPlotOptions? options = null)
    {
        options ??= new SegmentPlotOptions();
        return Customers(SegmentView.Create(data, options), options.Title);
    }

    /// <summary>The elbow chart of <paramref name="elbow"/>; its note, if any, is shown under the title.</summary>
    internal static GenericChart Elbow(ElbowCurveData elbow)
    {
        ArgumentNullException.ThrowIfNull(elbow);
        return ScoreCharts.Elbow(elbow);
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

    /// <summary>The customers plot of a view (kept for the report page; the same as <see cref="Customers(SegmentView, string)"/>).</summary>
    internal static GenericChart Scatter3D(SegmentView view, string title) => Customers(view, title);

    /// <summary>The customers plot of a view: 3D, 2D or a strip plot by its number of dimensions.</summary>
    internal static GenericChart Customers(SegmentView view, string title) => CustomersPlot.Draw(view, title);

    /// <summary>The segment sizes of <paramref name="data"/> (all customers, not a sample).</summary>
    internal static GenericChart SegmentSizes(SegmentPlotData data) => SegmentComparison.Sizes(data);

    /// <summary>The heatmap of the centres' z-scores of <paramref name="data"/>.</summary>
    internal static GenericChart CentreHeatmap(SegmentPlotData data) => SegmentComparison.CentreHeatmap(data);

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
