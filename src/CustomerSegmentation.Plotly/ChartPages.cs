using System.Text;

using CustomerSegmentation.Data;
using CustomerSegmentation.Plotly.Page;

using Giraffe.ViewEngine;

using Plotly.NET;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// Any chart of this package (or any Plotly.NET chart) on its own: as a complete page or as an HTML fragment to put
/// into a page of your own. Both are offline by default (plotly.js embedded) and write the chart's data so that nothing
/// in it can end its script element.
/// </summary>
public static class ChartPages
{
    /// <summary>A complete HTML page holding only <paramref name="chart"/>, styled like the reports.</summary>
    /// <param name="chart">The chart, for example <see cref="SegmentCharts.Elbow(Selection.ElbowResult)"/>.</param>
    /// <param name="title">The page title.</param>
    /// <param name="plotly">How the page gets plotly.js; <see cref="PlotlyScript.Embedded"/> (offline) when null.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chart"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="title"/> is blank.</exception>
    public static string ToHtmlPage(this GenericChart chart, string title, PlotlyScript? plotly = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return PageDocument.Render(title, [PageNodes.Div("chart-page", ChartHtml.Nodes(chart))], plotly ?? PlotlyScript.Embedded);
    }

    /// <summary>
    /// <paramref name="chart"/> as an HTML fragment: its div and the script that draws it, preceded by plotly.js
    /// itself when <paramref name="includePlotlyJs"/> is true (the fragment then works in any page, offline). Leave it
    /// out when the host page already loads plotly.js 2.x.
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="includePlotlyJs">Whether the fragment starts with an inline copy of plotly.js (about 3.6 MB).</param>
    /// <returns>The fragment's HTML.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chart"/> is null.</exception>
    public static string ToHtmlFragment(this GenericChart chart, bool includePlotlyJs = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var nodes = new List<XmlNode>();
        if (includePlotlyJs)
        {
            nodes.Add(PlotlyScript.Embedded.ScriptNode());
        }

        nodes.AddRange(ChartHtml.Nodes(chart));
        return RenderView.AsString.htmlNodes(Microsoft.FSharp.Collections.ListModule.OfSeq(nodes));
    }

    /// <summary>Writes <see cref="ToHtmlPage"/> to <paramref name="path"/> as UTF-8, replacing the file only once the new one is complete.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="path">The file to write, typically ending in .html.</param>
    /// <param name="title">The page title.</param>
    /// <param name="plotly">How the page gets plotly.js; embedded when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="chart"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> or <paramref name="title"/> is blank.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is left as it was.</exception>
    public static void SaveHtmlPage(this GenericChart chart, string path, string title, PlotlyScript? plotly = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] html = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToHtmlPage(chart, title, plotly));
        AtomicFile.Write(path, stream => stream.Write(html));
    }
}
