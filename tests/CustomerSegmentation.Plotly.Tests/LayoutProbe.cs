using System.Text.Json;

using CustomerSegmentation.Plotly.Page;

using Plotly.NET;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// In-page checks for <see cref="HeadlessChromium.Render"/>, reusable on any page of plotly charts (a chart page or a
/// whole report).
/// </summary>
internal static class LayoutProbe
{
    /// <summary>
    /// A probe (JavaScript function body) that, for each <c>.js-plotly-plot</c>, measures every axis title and tick
    /// label of every 2D axis (x, x2, ..., y, y2, ...), the colour bar's title and ticks, the chart title and the
    /// annotations (as far as plotly.js puts them in the DOM; a 3D scene draws its axes in WebGL, outside the DOM), and
    /// returns <c>{ plots, checked, outside: [ "plot i: class 'text' at rect outside rect" ] }</c>: every element with a
    /// size whose <c>getBoundingClientRect()</c> is not within its plot div's rect (1 px tolerance).
    /// </summary>
    public const string AxesInside = """
        var plots = Array.prototype.slice.call(document.querySelectorAll('.js-plotly-plot'));
        var wanted = /^(g-)?[xy]\d*(title|tick)$|^gtitle$|^annotation-text$|^cbtitle$|^cbaxis$|^colorbar$/;
        var checkedCount = 0, outside = [];
        function r(b) { return '[' + Math.round(b.left) + ',' + Math.round(b.top) + ' - ' + Math.round(b.right) + ',' + Math.round(b.bottom) + ']'; }
        function kind(n, gd) {
          for (var e = n; e && e !== gd; e = e.parentNode) {
            var cls = (e.getAttribute && e.getAttribute('class')) || '';
            var hit = cls.split(/\s+/).filter(function (c) { return wanted.test(c); })[0];
            if (hit) return hit;
          }
          return null;
        }
        plots.forEach(function (gd, p) {
          var box = gd.getBoundingClientRect();
          Array.prototype.forEach.call(gd.querySelectorAll('svg text'), function (n) {
            var k = kind(n, gd);
            if (!k || !n.textContent) return;
            var b = n.getBoundingClientRect();
            if (b.width === 0 || b.height === 0) return;
            checkedCount++;
            if (b.left < box.left - 1 || b.top < box.top - 1 || b.right > box.right + 1 || b.bottom > box.bottom + 1) {
              outside.push('plot ' + p + ': ' + k + " '" + n.textContent + "' at " + r(b) + ' outside ' + r(box));
            }
          });
        });
        return { plots: plots.length, checked: checkedCount, outside: outside };
        """;

    /// <summary>
    /// Asserts that a verdict rendered with <see cref="AxesInside"/> drew every plot with no script error, checked at
    /// least <paramref name="minimumChecked"/> labels and found none outside its chart.
    /// </summary>
    public static void AssertAxesInside(JsonElement verdict, int minimumChecked = 1)
    {
        Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict.GetProperty("errors"));
        Assert.True(verdict.GetProperty("errors").GetArrayLength() == 0, "script errors: " + verdict.GetProperty("errors"));
        JsonElement probe = verdict.GetProperty("probe");
        Assert.True(probe.ValueKind == JsonValueKind.Object, "the probe returned nothing: " + verdict.GetProperty("errors"));
        Assert.True(probe.GetProperty("checked").GetInt32() >= minimumChecked, "too few labels were measured: " + probe);
        Assert.True(probe.GetProperty("outside").GetArrayLength() == 0, "labels outside their chart: " + probe.GetProperty("outside"));
    }

    /// <summary>Saves a page of <paramref name="charts"/> (one card each), renders it at <paramref name="width"/> with <see cref="AxesInside"/> and returns the verdict.</summary>
    public static JsonElement RenderCharts(IReadOnlyList<GenericChart> charts, int width, string title = "Charts")
    {
        string path = Path.Combine(Path.GetTempPath(), $"charts-{Guid.NewGuid():N}.html");
        try
        {
            File.WriteAllText(path, PageDocument.Render(
                title, null, charts.Select((c, i) => PageNodes.Section("chart-" + i, ChartHtml.Nodes(c))), PlotlyScript.Embedded));
            return HeadlessChromium.Render(path, charts.Count, width, AxesInside);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
