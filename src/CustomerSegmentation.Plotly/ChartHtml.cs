using System.Text;

using Giraffe.ViewEngine;

using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

using Newtonsoft.Json;

using Plotly.NET;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// Puts charts into HTML the one way the report does: what Plotly.NET's <c>toChartHTML</c> and <c>toEmbeddedHTML</c>
/// do, except that the chart JSON embedded in each <c>&lt;script&gt;</c> is made safe there, in one place, for every
/// field a chart has now or gains later (see <see cref="ScriptSafeJson"/>). Page text and attributes are encoded by
/// Giraffe.ViewEngine as usual.
/// </summary>
internal static class ChartHtml
{
    /// <summary>The HTML nodes of one chart: its div, the script that draws it, and its description if any.</summary>
    public static FSharpList<XmlNode> Nodes(GenericChart chart)
    {
        DisplayOptions display = GenericChart.getDisplayOptions(chart);
        FSharpList<XmlNode> description = DisplayOptions.getChartDescription(display);
        XmlNode div = HtmlElements.div.Invoke(FSharpList<HtmlElements.XmlAttribute>.Empty).Invoke(
            ListModule.Append(Script(chart, DisplayOptions.getPlotlyReference(display)), description));
        return ListModule.OfSeq([div]);
    }

    /// <summary>
    /// <paramref name="value"/> as JSON (Plotly.NET's own settings) that is safe inside an HTML <c>&lt;script&gt;</c>
    /// element: every <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> and the line separators U+2028 and U+2029 are written as
    /// <c>\uXXXX</c> escapes, so no <c>&lt;/script</c>, <c>&lt;!--</c> or <c>&lt;script</c> can appear and the
    /// script reads exactly the same values. Those characters can only occur inside JSON strings, where the escape
    /// means the same character, so the JSON is unchanged in meaning.
    /// </summary>
    public static string ScriptSafeJson(object value)
    {
        string json = JsonConvert.SerializeObject(value, global::Globals.JSON_CONFIG);
        var safe = new StringBuilder(json.Length + 64);
        foreach (char c in json)
        {
            _ = c switch
            {
                '<' => safe.Append("\\u003c"),
                '>' => safe.Append("\\u003e"),
                '&' => safe.Append("\\u0026"),
                '\u2028' => safe.Append("\\u2028"),
                '\u2029' => safe.Append("\\u2029"),
                _ => safe.Append(c),
            };
        }

        return safe.ToString();
    }

    private static FSharpList<XmlNode> Script(GenericChart chart, PlotlyJSReference reference)
        => HTML.CreateChartHTML(
            ScriptSafeJson(GenericChart.getTraces(chart)),
            ScriptSafeJson(GenericChart.getLayout(chart)),
            ScriptSafeJson(GenericChart.getConfig(chart)),
            reference);
}
