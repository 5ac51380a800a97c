using System.Text.Json;
using System.Text.RegularExpressions;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// A report page taken apart for assertions: the embedded plotly.js (the first script) is set aside, and the chart
/// scripts' data and layout JSON can be parsed back.
/// </summary>
internal static partial class ReportPage
{
    /// <summary>The page with the content of the embedded plotly.js script removed (what the library wrote itself).</summary>
    public static string WithoutPlotlyJs(string html)
    {
        Match first = Script().Match(html);
        Assert.True(first.Success && first.Groups[1].Value.Contains("plotly.js v", StringComparison.Ordinal), "the first script of the page is not plotly.js");
        return html[..first.Groups[1].Index] + html[(first.Groups[1].Index + first.Groups[1].Length)..];
    }

    /// <summary>The text of every script element except the embedded plotly.js.</summary>
    public static string[] ChartScripts(string html)
        => [.. Script().Matches(WithoutPlotlyJs(html)).Select(m => m.Groups[1].Value).Where(s => s.Length > 0)];

    /// <summary>Every string value in the data and layout JSON of every chart on the page.</summary>
    public static string[] JsonStrings(string html)
    {
        var strings = new List<string>();
        foreach (string script in ChartScripts(html))
        {
            foreach (Match json in ChartJsonPart().Matches(script))
            {
                using JsonDocument document = JsonDocument.Parse(json.Groups[1].Value);
                Collect(document.RootElement, strings);
            }
        }

        return [.. strings];
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
        }
    }

    [GeneratedRegex("<script[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex(@"var (?:data|layout) = (.*);\r?\n")]
    private static partial Regex ChartJsonPart();
}
