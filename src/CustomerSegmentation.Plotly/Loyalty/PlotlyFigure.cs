using Plotly.NET;

namespace CustomerSegmentation.Plotly.Loyalty;

/// <summary>
/// A chart written as plotly.js reads it: traces and layout given as property names and values (what the plotly.js
/// reference documents), for the attributes Plotly.NET.CSharp does not reach (hover templates, custom data, cell text,
/// tick labels). Every chart made here fills its container's width (<see cref="PlotlyStyle.Figure"/>) at a fixed height.
/// </summary>
internal static class PlotlyFigure
{
    /// <summary>
    /// A chart of <paramref name="traces"/> titled <paramref name="title"/> (already plotly-literal text) with the
    /// layout <paramref name="layout"/>, as wide as its container and <paramref name="height"/> pixels high.
    /// </summary>
    public static GenericChart Of(IEnumerable<Trace> traces, string title, IReadOnlyDictionary<string, object?> layout, int height)
        => PlotlyStyle.Figure(
            traces,
            [
                new("title", new Dictionary<string, object> { ["text"] = title, ["x"] = 0.01, ["xanchor"] = "left" }),
                new("margin", new Dictionary<string, object> { ["l"] = 80, ["r"] = 30, ["t"] = 60, ["b"] = 70 }),
                new("height", height),
                .. layout,
            ]);

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
