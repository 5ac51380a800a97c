using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly;

/// <summary>Builds a <see cref="SegmentReport"/> straight from a <see cref="SegmentationResult"/>.</summary>
public static class SegmentationReports
{
    /// <summary>
    /// The report of a segmentation: customers in 3D on their original units (hover shows the id, every feature and
    /// every extra column kept), the elbow chart with every score when K was chosen by a sweep, and the profile table.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="options">How the 3D plot is drawn (features, principal components, sample size, seed); defaults when null.</param>
    /// <param name="title">The page title.</param>
    /// <returns>The report, ready for <see cref="SegmentReport.Save"/> or <see cref="SegmentReport.ToHtml"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The segmentation has fewer than three features (a 3D plot needs three), or <paramref name="title"/> is blank.</exception>
    public static SegmentReport ToReport(this SegmentationResult result, SegmentPlotOptions? options = null, string title = "Customer segmentation report")
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SegmentReport(
            SegmentPlotData.From(result),
            result.Elbow is { } elbow ? ElbowCurveData.From(elbow, result.KReason) : null,
            ProfileTableData.From(result),
            options,
            title);
    }
}
