using Plotly.NET;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// The few Plotly.NET styling calls that Plotly.NET.CSharp does not wrap. F# optional arguments are not optional
/// from C#, so every argument is passed and <c>null</c> means "not set" (F# <c>None</c>).
/// </summary>
internal static class PlotlyStyle
{
    /// <summary>Sets the chart title.</summary>
    public static GenericChart WithTitle(GenericChart chart, string title)
        => Chart.withTitle(title, null).Invoke(chart);

    /// <summary>
    /// A trace of plotly.js type <paramref name="type"/> with exactly <paramref name="properties"/> (plotly.js attribute
    /// names; nested objects as dictionaries or anonymous objects). For attributes Plotly.NET.CSharp does not wrap.
    /// </summary>
    public static Trace Trace(string type, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        Trace trace = type.EndsWith("3d", StringComparison.Ordinal) ? new Trace3D(type) : new Trace2D(type);
        foreach ((string name, object? value) in properties)
        {
            if (value is not null)
            {
                trace.SetProperty(name, value);
            }
        }

        return trace;
    }

    /// <summary>
    /// A chart of <paramref name="traces"/> on Plotly.NET's default template, with <paramref name="layout"/> added and
    /// sized to its container: autosize, the responsive config, no fixed width, the plotly logo off.
    /// </summary>
    public static GenericChart Figure(IEnumerable<Trace> traces, IEnumerable<KeyValuePair<string, object?>> layout)
    {
        GenericChart chart = GenericChart.ofTraceObjects(true, traces.ToArray());
        var extra = new Layout();
        extra.SetProperty("autosize", true);
        foreach ((string name, object? value) in layout)
        {
            if (value is not null)
            {
                extra.SetProperty(name, value);
            }
        }

        chart = GenericChart.addLayout(extra, chart);
        Layout combined = GenericChart.getLayout(chart);
        combined.RemoveProperty("width"); // Plotly.NET's default of 600 px; the chart takes its container's width
        chart = GenericChart.setLayout(combined, chart);
        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false);
        return GenericChart.addConfig(config, chart);
    }
}
