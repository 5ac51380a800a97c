using System.Globalization;

using Plotly.NET;

namespace CustomerSegmentation.Plotly;

/// <summary>The elbow chart with every score of a sweep, as small multiples against K.</summary>
internal static class ScoreCharts
{
    /// <summary>One panel: its title, the legend name of its curve and a value per K (null where undefined).</summary>
    private sealed record Panel(string Title, string Name, IReadOnlyList<double?> Values);

    public static GenericChart Elbow(ElbowCurveData elbow)
    {
        Panel[] panels = Panels(elbow);
        int columns = panels.Length == 1 ? 1 : 2;
        int rows = (panels.Length + columns - 1) / columns;
        var traces = new List<Trace>(2 * panels.Length);
        var layout = new Dictionary<string, object?>();
        var annotations = new List<object>();
        for (int p = 0; p < panels.Length; p++)
        {
            Panel panel = panels[p];
            string suffix = p == 0 ? "" : (p + 1).ToString(CultureInfo.InvariantCulture);
            int[] tried = Enumerable.Range(0, elbow.Ks.Length).Where(i => panel.Values[i] is not null).ToArray();
            traces.Add(PlotlyStyle.Trace("scatter", new Dictionary<string, object?>
            {
                ["name"] = panel.Name,
                ["mode"] = "lines+markers",
                ["x"] = tried.Select(i => elbow.Ks[i]).ToArray(),
                ["y"] = tried.Select(i => panel.Values[i]!.Value).ToArray(),
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["showlegend"] = false,
                ["marker"] = new { size = 7, color = "#2563eb" },
                ["line"] = new { color = "#2563eb" },
                ["hovertemplate"] = "K = %{x}<br>" + panel.Name + ": %{y:.4~g}<extra></extra>",
            }));
            int chosen = elbow.Ks.IndexOf(elbow.ChosenK);
            double? atChosen = panel.Values[chosen];
            traces.Add(PlotlyStyle.Trace("scatter", new Dictionary<string, object?>
            {
                ["name"] = string.Create(CultureInfo.InvariantCulture, $"Chosen K = {elbow.ChosenK}"),
                ["mode"] = "markers",
                ["x"] = atChosen is null ? Array.Empty<int>() : [elbow.ChosenK],
                ["y"] = atChosen is double v ? [v] : Array.Empty<double>(),
                ["xaxis"] = "x" + suffix,
                ["yaxis"] = "y" + suffix,
                ["legendgroup"] = "chosen",
                ["showlegend"] = p == 0,
                ["marker"] = new { symbol = "star", size = 18, color = "crimson", line = new { width = 1, color = "#ffffff" } },
                ["hovertemplate"] = "Chosen K = %{x}<br>" + panel.Name + ": %{y:.4~g}<extra></extra>",
            }));
            layout["xaxis" + suffix] = new { title = new { text = "Number of segments (K)" }, dtick = 1, automargin = true };
            layout["yaxis" + suffix] = new { automargin = true };
            annotations.Add(new
            {
                text = "<b>" + panel.Title + "</b>",
                xref = "x" + suffix + " domain",
                yref = "y" + suffix + " domain",
                x = 0,
                y = 1.02,
                xanchor = "left",
                yanchor = "bottom",
                showarrow = false,
                font = new { size = 13 },
            });
        }

        string title = "Choosing K: inertia and quality scores against the number of segments";
        if (elbow.Note is not null)
        {
            title += "<br><sub>" + PlotlyText.Literal(elbow.Note) + "</sub>";
        }

        layout["title"] = new { text = title };
        layout["grid"] = new { rows, columns, pattern = "independent", roworder = "top to bottom", xgap = 0.12, ygap = rows > 1 ? 0.42 : 0.2 };
        layout["annotations"] = annotations;
        layout["height"] = 160 + (300 * rows);
        layout["margin"] = new { t = elbow.Note is null ? 90 : 120 };
        layout["legend"] = new { orientation = "h", x = 1, xanchor = "right", y = 1.02, yref = "container", yanchor = "top", itemsizing = "constant" };
        return PlotlyStyle.Figure(traces, layout);
    }

    private static Panel[] Panels(ElbowCurveData elbow)
    {
        var panels = new List<Panel> { new("Inertia (within-segment sum of squares, lower is tighter)", "Inertia", [.. elbow.Inertias.Select(v => (double?)v)]) };
        Add(panels, "Silhouette (higher is better)", "Silhouette", elbow.Silhouette);
        Add(panels, "Calinski-Harabasz (higher is better)", "Calinski-Harabasz", elbow.CalinskiHarabasz);
        Add(panels, "Davies-Bouldin (lower is better)", "Davies-Bouldin", elbow.DaviesBouldin);
        Add(panels, "Gap statistic (higher is better)", "Gap", elbow.Gap);
        return [.. panels];
    }

    private static void Add(List<Panel> panels, string title, string name, System.Collections.Immutable.ImmutableArray<double?> values)
    {
        if (!values.IsEmpty && values.Any(v => v is not null))
        {
            panels.Add(new Panel(title, name, values));
        }
    }
}
