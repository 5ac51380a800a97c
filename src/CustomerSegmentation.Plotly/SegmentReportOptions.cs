using System.Collections.Immutable;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// How a segment report reads: its title, names for the segments in place of the generated labels, display names for
/// features and columns, how the customers plot is drawn and how the page gets plotly.js. Immutable; every option is
/// validated when it is set, and the segment numbers and feature names are checked against the segmentation by
/// <see cref="SegmentationReports.ToReport(Pipeline.SegmentationResult, SegmentReportOptions?)"/>.
/// </summary>
public sealed record SegmentReportOptions
{
    /// <summary>The default <see cref="Title"/>.</summary>
    public const string DefaultTitle = "Customer segmentation report";

    /// <summary>The page title.</summary>
    /// <value>The default value is "Customer segmentation report".</value>
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

    /// <summary>
    /// Names for segments, by segment number (1..K), shown everywhere on the page in place of the generated label
    /// (legend, profile table, rules, stability, the downloaded CSV's label column); segments not named keep their
    /// generated label. A number the segmentation does not have is rejected by <c>ToReport</c>.
    /// </summary>
    /// <value>The default value is empty (every segment keeps its generated label).</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">A segment number below 1, or a blank name (the message names the segment).</exception>
    public ImmutableDictionary<int, string> SegmentNames
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(SegmentNames));
            foreach ((int segment, string name) in value.OrderBy(p => p.Key))
            {
                if (segment < 1)
                {
                    throw new ArgumentException($"SegmentNames names segment {segment}, but segments are numbered from 1.", nameof(SegmentNames));
                }

                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new ArgumentException($"SegmentNames gives segment {segment} a blank name; give a name or leave the segment out.", nameof(SegmentNames));
                }
            }

            field = value;
        }
    } = ImmutableDictionary<int, string>.Empty;

    /// <summary>
    /// Display names for features and extra columns, by their name in the data (exact, case-sensitive): shown on
    /// axes, in hover text, in table headers and in rules. Columns without one are shown with a readable form of
    /// their name ("annual_income_k" reads "Annual income k"). A name the data does not have is rejected by <c>ToReport</c>.
    /// </summary>
    /// <value>The default value is empty.</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">A blank key or display name, or two columns given the same display name (the message names them).</exception>
    public ImmutableDictionary<string, string> FeatureDisplayNames
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(FeatureDisplayNames));
            foreach ((string feature, string name) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (string.IsNullOrWhiteSpace(feature) || string.IsNullOrWhiteSpace(name))
                {
                    throw new ArgumentException($"FeatureDisplayNames maps '{feature}' to '{name}'; neither may be blank.", nameof(FeatureDisplayNames));
                }
            }

            IGrouping<string, KeyValuePair<string, string>>? clash = value.GroupBy(p => p.Value.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
            {
                throw new ArgumentException(
                    $"FeatureDisplayNames gives {string.Join(" and ", clash.Select(p => $"'{p.Key}'").Order(StringComparer.Ordinal))} the same display name '{clash.Key}'; display names must differ.",
                    nameof(FeatureDisplayNames));
            }

            field = value;
        }
    } = ImmutableDictionary<string, string>.Empty;

    /// <summary>How the customers plot is drawn (features, principal components, sample size, seed, chart title).</summary>
    /// <value>The default value is a default <see cref="SegmentPlotOptions"/>.</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public SegmentPlotOptions Plot
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Plot));
            field = value;
        }
    } = new();

    /// <summary>How the page gets plotly.js.</summary>
    /// <value>The default value is <see cref="PlotlyScript.Embedded"/> (the page opens offline).</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public PlotlyScript Plotly
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Plotly));
            field = value;
        }
    } = PlotlyScript.Embedded;
}
