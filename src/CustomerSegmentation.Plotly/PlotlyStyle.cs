using Giraffe.ViewEngine;

using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

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

    /// <summary>Sets the x, y and z axis titles of the first 3D scene.</summary>
    public static GenericChart WithSceneAxisTitles(GenericChart chart, string x, string y, string z)
    {
        var scene = FSharpOption<StyleParam.SubPlotId>.Some(StyleParam.SubPlotId.NewScene(1));
        chart = Chart.withXAxisStyle<int, int, int>(
            Some(x), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, scene).Invoke(chart);
        chart = Chart.withYAxisStyle<int, int, int>(
            Some(y), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, scene).Invoke(chart);
        return Chart.withZAxisStyle<int, int, int>(
            Some(z), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, FSharpOption<int>.Some(1)).Invoke(chart);
    }

    /// <summary>Sets the marker size, colour, 3D symbol and opacity of every trace in the chart (null leaves one unset).</summary>
    public static GenericChart WithMarker(GenericChart chart, int size, Color? color = null, StyleParam.MarkerSymbol3D? symbol3D = null, double? opacity = null)
        => Chart.withMarkerStyle(
            null, null, null, null, null, null, null, Some(color), null, null, null, null, null, null, null, null,
            Some(opacity), null, null, null, null, Some(size), null, null, null, null, null, null, null, null,
            Some(symbol3D), null, null, null).Invoke(chart);

    /// <summary>
    /// Display options for a self-contained page: the document title, plotly.js embedded in full (no network needed)
    /// and the nodes shown under the main chart.
    /// </summary>
    public static DisplayOptions SelfContainedPage(string title, IEnumerable<HtmlElements.XmlNode> headTags, IEnumerable<HtmlElements.XmlNode> below)
        => DisplayOptions.init(
            Some(title), Some("utf-8"), Some(title), null,
            Some(ListModule.OfSeq(headTags)), Some(ListModule.OfSeq(below)),
            FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));

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

    private static FSharpOption<T>? Some<T>(T? value)
        where T : class
        => value is null ? null : FSharpOption<T>.Some(value);

    private static FSharpOption<T>? Some<T>(T? value)
        where T : struct
        => value is null ? null : FSharpOption<T>.Some(value.Value);

    private static FSharpOption<int> Some(int value) => FSharpOption<int>.Some(value);
}
