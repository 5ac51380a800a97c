using System.Globalization;

using Plotly.NET;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// Draws the customers plot of a <see cref="SegmentView"/>: a 3D scatter for three dimensions, a 2D scatter for two, a
/// strip plot (one horizontal row of jittered points per segment) for one; the segment centres as open diamonds on
/// top; hover with only the prepared text; legend markers of one readable size; and, when the view allows it, menus
/// that put any feature on any axis.
/// </summary>
internal static class CustomersPlot
{
    /// <summary>The hover template that shows exactly the point's text, without the trace name box or raw coordinates.</summary>
    public const string TextOnlyHover = "%{text}<extra></extra>";

    private static readonly string[] AxisKeys = ["x", "y", "z"];

    /// <summary>The customers plot of <paramref name="view"/>; <paramref name="logAxes"/>, when given, puts a 3D axis on a log scale where it is true.</summary>
    public static GenericChart Draw(SegmentView view, string title, IReadOnlyList<bool>? logAxes = null)
    {
        SegmentPlotData data = view.Data;
        int[][] members = view.MembersBySegment();
        int dimensions = view.Dimensions;
        var traces = new List<Trace>(data.SegmentCount + 1);
        for (int s = 0; s < data.SegmentCount; s++)
        {
            int[] m = members[s];
            var trace = new Dictionary<string, object?>
            {
                ["name"] = PlotlyText.Literal(data.SegmentNames[s]),
                ["text"] = m.Select(i => view.HoverText(view.Rows[i])).ToArray(),
                ["hovertemplate"] = TextOnlyHover,
            };
            if (dimensions == 1)
            {
                trace["x"] = m.Select(i => view.Points[i][0]).ToArray();
                trace["orientation"] = "h";
                trace["boxpoints"] = "all";
                trace["jitter"] = 0.7;
                trace["pointpos"] = 0;
                trace["hoveron"] = "points";
                trace["fillcolor"] = "rgba(0,0,0,0)";
                trace["line"] = new { width = 1 };
                trace["marker"] = new { size = 5, opacity = 0.7 };
            }
            else
            {
                trace["mode"] = "markers";
                for (int a = 0; a < dimensions; a++)
                {
                    int axis = a;
                    trace[AxisKeys[a]] = m.Select(i => view.Points[i][axis]).ToArray();
                }

                trace["marker"] = dimensions == 3 ? new { size = 3, opacity = 0.8 } : new { size = 7, opacity = 0.75 };
            }

            traces.Add(PlotlyStyle.Trace(dimensions switch { 3 => "scatter3d", 2 => "scatter", _ => "box" }, trace));
        }

        traces.Add(PlotlyStyle.Trace(dimensions == 3 ? "scatter3d" : "scatter", Centres(view, dimensions)));

        var layout = new Dictionary<string, object?>
        {
            ["title"] = new { text = PlotlyText.Literal(title) + Subtitle(view) },
            ["legend"] = new { itemsizing = "constant", font = new { size = 13 } },
            ["hovermode"] = "closest",
        };
        switch (dimensions)
        {
            case 3:
                layout["height"] = 720;
                layout["margin"] = new { l = 10, r = 10, b = 10, t = view.ChoosableAxes ? 150 : 80 };
                layout["scene"] = new
                {
                    xaxis = Axis3D(view.AxisTitles[0], logAxes is { Count: 3 } && logAxes[0]),
                    yaxis = Axis3D(view.AxisTitles[1], logAxes is { Count: 3 } && logAxes[1]),
                    zaxis = Axis3D(view.AxisTitles[2], logAxes is { Count: 3 } && logAxes[2]),
                    aspectmode = "cube",
                    domain = new { x = new[] { 0.0, 1.0 }, y = new[] { 0.0, 1.0 } },
                    camera = new { eye = new { x = 1.45, y = 1.45, z = 0.9 }, center = new { x = 0, y = 0, z = -0.08 } },
                };
                break;
            case 2:
                layout["height"] = 600;
                layout["margin"] = new { t = view.ChoosableAxes ? 150 : 80 };
                layout["xaxis"] = Axis2D(view.AxisTitles[0]);
                layout["yaxis"] = Axis2D(view.AxisTitles[1]);
                break;
            default:
                layout["height"] = 180 + (56 * data.SegmentCount);
                layout["xaxis"] = Axis2D(view.AxisTitles[0]);
                layout["yaxis"] = new { automargin = true, autorange = "reversed", type = "category" };
                break;
        }

        if (view.ChoosableAxes)
        {
            layout["updatemenus"] = AxisMenus(view, members);
            layout["annotations"] = Enumerable.Range(0, dimensions).Select(a => new
            {
                text = AxisKeys[a] + " axis",
                x = a * 0.26,
                y = 1.07,
                xref = "paper",
                yref = "paper",
                xanchor = "left",
                yanchor = "bottom",
                showarrow = false,
                font = new { size = 12 },
            }).ToArray();
        }

        return PlotlyStyle.Figure(traces, layout);
    }

    private static Dictionary<string, object?> Centres(SegmentView view, int dimensions)
    {
        SegmentPlotData data = view.Data;
        var trace = new Dictionary<string, object?>
        {
            ["name"] = SegmentCharts.CentresTraceName,
            ["mode"] = "markers",
            ["text"] = Enumerable.Range(0, data.SegmentCount).Select(view.CentreText).ToArray(),
            ["hovertemplate"] = TextOnlyHover,
            ["x"] = view.Centres.Select(c => c[0]).ToArray(),
        };
        if (dimensions == 1)
        {
            trace["y"] = data.SegmentNames.Select(PlotlyText.Literal).ToArray();
        }
        else
        {
            trace["y"] = view.Centres.Select(c => c[1]).ToArray();
            if (dimensions == 3)
            {
                trace["z"] = view.Centres.Select(c => c[2]).ToArray();
            }
        }

        // Open diamonds: the points inside stay visible; black with a white halo reads on any segment colour.
        trace["marker"] = dimensions == 3
            ? new { symbol = "diamond-open", size = 8, color = "#111111", opacity = 1.0, line = new { width = 2, color = "#111111" } }
            : new { symbol = "diamond-open", size = 13, color = "#111111", opacity = 1.0, line = new { width = 2.5, color = "#111111" } };
        return trace;
    }

    /// <summary>One dropdown per axis; each button puts one feature on that axis for every trace (all values carried).</summary>
    private static object[] AxisMenus(SegmentView view, int[][] members)
    {
        SegmentPlotData data = view.Data;
        int d = data.Features.FeatureCount;
        var menus = new object[view.Dimensions];
        for (int a = 0; a < view.Dimensions; a++)
        {
            string key = AxisKeys[a];
            string titleKey = view.Dimensions == 3 ? $"scene.{key}axis.title.text" : $"{key}axis.title.text";
            var buttons = new object[d];
            for (int j = 0; j < d; j++)
            {
                int feature = j;
                double[][] values =
                [
                    .. members.Select(m => m.Select(i => (double)data.Features[view.Rows[i], feature]).ToArray()),
                    data.Centroids.Select(c => c[feature]).ToArray(),
                ];
                string name = PlotlyText.Literal(data.Features.FeatureNames[j]);
                buttons[j] = new
                {
                    label = name,
                    method = "update",
                    args = new object[] { new Dictionary<string, object> { [key] = values }, new Dictionary<string, object> { [titleKey] = name } },
                };
            }

            menus[a] = new
            {
                buttons,
                active = a,
                direction = "down",
                showactive = true,
                x = a * 0.26,
                y = 1.065,
                xref = "paper",
                yref = "paper",
                xanchor = "left",
                yanchor = "top",
                pad = new { t = 0, r = 0 },
            };
        }

        return menus;
    }

    private static object Axis3D(string title, bool log) => new { title = new { text = PlotlyText.Literal(title) }, type = log ? "log" : "linear" };

    private static object Axis2D(string title) => new { title = new { text = PlotlyText.Literal(title) }, automargin = true, zeroline = false };

    private static string Subtitle(SegmentView view)
        => view.IsSampled
            ? string.Create(CultureInfo.InvariantCulture, $"<br><sub>{view.Rows.Length:N0} of {view.Data.RowCount:N0} customers shown (seeded sample)</sub>")
            : "";
}
