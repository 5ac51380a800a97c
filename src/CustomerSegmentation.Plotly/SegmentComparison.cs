using System.Globalization;

using Plotly.NET;

namespace CustomerSegmentation.Plotly;

/// <summary>Charts that compare the segments with each other: their sizes and their centres.</summary>
internal static class SegmentComparison
{
    /// <summary>
    /// The colours of Plotly.NET's default template ("plotly"), in the order it gives them to traces, so that a
    /// segment's bar has the colour of its points in the customers plot.
    /// </summary>
    internal static readonly string[] SegmentColours =
        ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    /// <summary>The number of customers of each segment (all rows).</summary>
    public static int[] Counts(SegmentPlotData data)
    {
        var counts = new int[data.SegmentCount];
        foreach (int label in data.Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>Horizontal bars of customers per segment, segment 1 at the top, labelled "count (share)".</summary>
    public static GenericChart Sizes(SegmentPlotData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] counts = Counts(data);
        string[] shares = counts.Select(c => ((double)c / data.RowCount).ToString("0.0%", CultureInfo.InvariantCulture)).ToArray();
        var bar = new Dictionary<string, object?>
        {
            ["name"] = "Customers",
            ["orientation"] = "h",
            ["x"] = counts,
            ["y"] = data.SegmentNames.Select(PlotlyText.Literal).ToArray(),
            ["text"] = shares,
            ["texttemplate"] = "%{x:,} (%{text})",
            ["textposition"] = "outside",
            ["cliponaxis"] = false,
            ["hovertemplate"] = "<b>%{y}</b><br>%{x:,} customers (%{text} of all)<extra></extra>",
            ["marker"] = new { color = Enumerable.Range(0, data.SegmentCount).Select(s => SegmentColours[s % SegmentColours.Length]).ToArray() },
        };
        var layout = new Dictionary<string, object?>
        {
            ["title"] = new { text = "Segment sizes" },
            ["height"] = 150 + (40 * data.SegmentCount),
            ["showlegend"] = false,
            ["xaxis"] = new { title = new { text = "Customers" }, automargin = true, range = new[] { 0.0, Math.Max(1, counts.Max()) * 1.22 } },
            ["yaxis"] = new { automargin = true, autorange = "reversed", type = "category" },
            ["margin"] = new { t = 60, r = 30 },
        };
        return PlotlyStyle.Figure([PlotlyStyle.Trace("bar", bar)], layout);
    }

    /// <summary>
    /// The z-score of each segment's centre for each feature against all customers, [segment][feature]:
    /// (centre - mean) / population sd, 0 for a constant feature.
    /// </summary>
    public static double[][] CentreZScores(SegmentPlotData data, FeatureSummary summary)
        => [.. data.Centroids.Select(c => Enumerable.Range(0, c.Length).Select(j => summary.ZScore(j, c[j])).ToArray())];

    /// <summary>A heatmap segment × feature of the centres' z-scores, centred on 0, with the original units on hover.</summary>
    public static GenericChart CentreHeatmap(SegmentPlotData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        FeatureSummary summary = FeatureSummary.Of(data.Features);
        double[][] z = CentreZScores(data, summary);
        string[][][] hover = data.Centroids
            .Select(c => Enumerable.Range(0, c.Length).Select(j => new[] { SegmentView.Format(c[j]), SegmentView.Format(summary.Means[j]) }).ToArray())
            .ToArray();
        double limit = Math.Max(1, z.SelectMany(r => r).Select(Math.Abs).DefaultIfEmpty(0).Max());
        var heatmap = new Dictionary<string, object?>
        {
            ["name"] = "Centre z-scores",
            ["x"] = data.Features.FeatureNames.Select(PlotlyText.Literal).ToArray(),
            ["y"] = data.SegmentNames.Select(PlotlyText.Literal).ToArray(),
            ["z"] = z,
            ["zmid"] = 0,
            ["zmin"] = -limit,
            ["zmax"] = limit,
            ["colorscale"] = "RdBu", // plotly.js's RdBu runs blue (below the mean) to red (above)
            ["xgap"] = 2,
            ["ygap"] = 2,
            ["customdata"] = hover,
            ["texttemplate"] = "%{z:.2f}",
            ["hovertemplate"] = "<b>%{y}</b><br>%{x}<br>Centre: %{customdata[0]}<br>All customers' mean: %{customdata[1]}<br>z = %{z:.2f} sd<extra></extra>",
            ["colorbar"] = new { title = new { text = "z-score", side = "right" }, thickness = 14 },
        };
        var layout = new Dictionary<string, object?>
        {
            ["title"] = new { text = "Segment centres (z-scores)" },
            ["height"] = 200 + (46 * data.SegmentCount),
            ["xaxis"] = new { automargin = true, type = "category" },
            ["yaxis"] = new { automargin = true, autorange = "reversed", type = "category" },
            ["margin"] = new { t = 60 },
        };
        return PlotlyStyle.Figure([PlotlyStyle.Trace("heatmap", heatmap)], layout);
    }
}
