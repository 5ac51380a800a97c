using Microsoft.FSharp.Core;

using Plotly.NET;

namespace CustomerSegmentation.Plotly.Loyalty;

/// <summary>
/// A chart written as plotly.js reads it: traces and layout given as property names and values (what the plotly.js
/// reference documents), for the attributes Plotly.NET.CSharp does not reach (hover templates, custom data, cell text,
/// tick labels). Every chart made here fills its container's width (autosize, responsive) at a fixed height.
/// </summary>
internal static class PlotlyFigure
{
    /// <summary>A trace of plotly.js type <paramref name="type"/> (e.g. "heatmap", "bar") with the given attributes.</summary>
    public static Trace Trace(string type, IReadOnlyDictionary<string, object?> attributes)
    {
        var trace = new Trace2D(type);
        foreach ((string name, object? value) in attributes)
        {
            if (value is not null)
            {
                trace.SetProperty(name, value);
            }
        }

        return trace;
    }

    /// <summary>
    /// A chart of <paramref name="traces"/> titled <paramref name="title"/> (already plotly-literal text) with the
    /// layout <paramref name="layout"/>, as wide as its container and <paramref name="height"/> pixels high.
    /// </summary>
    public static GenericChart Of(IEnumerable<Trace> traces, string title, IReadOnlyDictionary<string, object?> layout, int height)
    {
        GenericChart chart = GenericChart.ofTraceObjects(true, traces.ToArray());
        var style = new Layout();
        style.SetProperty("title", new Dictionary<string, object> { ["text"] = title, ["x"] = 0.01, ["xanchor"] = "left" });
        style.SetProperty("margin", new Dictionary<string, object> { ["l"] = 80, ["r"] = 30, ["t"] = 60, ["b"] = 70 });
        foreach ((string name, object? value) in layout)
        {
            if (value is not null)
            {
                style.SetProperty(name, value);
            }
        }

        chart = Chart.withLayout(style).Invoke(chart);
        return Fit(chart, height);
    }

    /// <summary>
    /// <paramref name="chart"/> as wide as its container (no fixed width, autosize, responsive config) and
    /// <paramref name="height"/> pixels high: nothing is cut on a narrow screen and nothing is left empty on a wide one.
    /// </summary>
    public static GenericChart Fit(GenericChart chart, int height)
    {
        chart = GenericChart.mapLayout(
            FuncConvert.FromFunc((Layout layout) =>
            {
                layout.RemoveProperty("width");
                layout.SetProperty("autosize", true);
                layout.SetProperty("height", height);
                return layout;
            }),
            chart);
        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false);
        return Chart.withConfig(config).Invoke(chart);
    }

    /// <summary>An axis: its title (plotly-literal text) and further attributes.</summary>
    public static Dictionary<string, object> Axis(string title, params (string Name, object Value)[] attributes)
    {
        var axis = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = title }, ["automargin"] = true };
        foreach ((string name, object value) in attributes)
        {
            axis[name] = value;
        }

        return axis;
    }
}
