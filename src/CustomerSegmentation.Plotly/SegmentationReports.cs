using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly;

/// <summary>Builds a <see cref="SegmentReport"/> straight from a <see cref="SegmentationResult"/>.</summary>
public static class SegmentationReports
{
    /// <summary>
    /// The report of a segmentation: the customers plotted on their original units (3D for three features, 2D for
    /// two, a strip for one, axis menus for more; hover shows the id, every feature and every extra column kept), the
    /// segment sizes and a heatmap of the centres, the profile table, rules, stability and membership probabilities when the result has
    /// them, the elbow chart with every score when K was chosen by a sweep, and the assignments as a download.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="options">How the customers plot is drawn (features, principal components, sample size, seed); defaults when null.</param>
    /// <param name="title">The page title.</param>
    /// <returns>The report, ready for <see cref="SegmentReport.Save"/> or <see cref="SegmentReport.ToHtml"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The plot options name a feature that does not exist, or <paramref name="title"/> is blank.</exception>
    public static SegmentReport ToReport(this SegmentationResult result, SegmentPlotOptions? options = null, string title = SegmentReportOptions.DefaultTitle)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return result.ToReport(new SegmentReportOptions { Title = title, Plot = options ?? new SegmentPlotOptions() });
    }

    /// <summary>
    /// The report of a segmentation as <paramref name="options"/> say: its title, segment names in place of the
    /// generated labels, display names for features and columns (others are shown as readable words), the plot options
    /// and how the page gets plotly.js.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="options">How the report reads; the defaults of <see cref="SegmentReportOptions"/> when null.</param>
    /// <returns>The report, ready for <see cref="SegmentReport.Save"/> or <see cref="SegmentReport.ToHtml"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <see cref="SegmentReportOptions.SegmentNames"/> names a segment the result does not have, or
    /// <see cref="SegmentReportOptions.FeatureDisplayNames"/> a feature or column it does not have (the messages list
    /// what there is); or the plot options name a feature that does not exist.
    /// </exception>
    public static SegmentReport ToReport(this SegmentationResult result, SegmentReportOptions? options)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new SegmentReportOptions();
        FeatureMatrix features = result.Customers.Features;
        ColumnDisplayNames columns = ColumnDisplayNames.Of([.. features.FeatureNames, .. result.Customers.Attributes.Keys], options.FeatureDisplayNames);
        SegmentNaming naming = SegmentNaming.Of(result, options.SegmentNames);
        var evidence = new ReportEvidence(result, naming, columns);
        return new SegmentReport(
            PlotData(result, naming, columns),
            result.Elbow is { } elbow ? ElbowCurveData.From(elbow, result.KReason) : null,
            ProfileTableData.From(result, naming, columns),
            options with { Plot = PlotOptions(options.Plot, features, columns) },
            evidence);
    }

    /// <summary>The plot data of a segmentation with its segments named by <paramref name="naming"/> and its columns by <paramref name="columns"/>.</summary>
    private static SegmentPlotData PlotData(SegmentationResult result, SegmentNaming naming, ColumnDisplayNames columns)
    {
        FeatureMatrix features = result.Customers.Features;
        FeatureMatrix shown = features.FeatureNames.All(f => columns[f] == f)
            ? features
            : FeatureMatrix.FromColumns([.. Enumerable.Range(0, features.FeatureCount).Select(j => features.Column(j).ToArray())], [.. features.FeatureNames.Select(f => columns[f])]);
        return new SegmentPlotData(
            shown,
            [.. result.Assignments.Select(a => a.Segment - 1)],
            [.. Enumerable.Range(1, naming.Count).Select(naming.Legend)],
            result.Customers.Ids,
            [.. result.Model.Segments.Select(s => (IReadOnlyList<double>)s.Centre)],
            [.. result.Customers.Attributes.Select(a => new HoverColumn(columns[a.Key], a.Value))]);
    }

    /// <summary><paramref name="plot"/> with its features (named as in the data) renamed to their display names.</summary>
    private static SegmentPlotOptions PlotOptions(SegmentPlotOptions plot, FeatureMatrix features, ColumnDisplayNames columns)
        => plot.Features.IsEmpty || plot.Features.All(f => columns[features.FeatureNames[features.IndexOf(f)]] == features.FeatureNames[features.IndexOf(f)])
            ? plot
            : new SegmentPlotOptions
            {
                Features = [.. plot.Features.Select(f => columns[features.FeatureNames[features.IndexOf(f)]])],
                UsePrincipalComponents = plot.UsePrincipalComponents,
                MaxPoints = plot.MaxPoints,
                Seed = plot.Seed,
                Title = plot.Title,
            };
}
