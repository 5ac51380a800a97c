using System.Net;
using System.Text.RegularExpressions;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>The HTML tables of a report page read back as text (headers and body rows, entities decoded).</summary>
internal static partial class ReportPage
{
    /// <summary>The header texts of the table with id <paramref name="id"/>.</summary>
    public static string[] TableHeaders(string html, string id)
    {
        Match head = TableHead().Match(Table(html, id));
        Assert.True(head.Success, $"the table '{id}' has no thead");
        return [.. Cell().Matches(head.Groups[1].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value))];
    }

    /// <summary>The body rows of the table with id <paramref name="id"/>, each as its cells' texts.</summary>
    public static string[][] TableRows(string html, string id)
    {
        Match body = TableBody().Match(Table(html, id));
        Assert.True(body.Success, $"the table '{id}' has no tbody");
        return [.. Row().Matches(body.Groups[1].Value).Select(r => Cell().Matches(r.Groups[1].Value).Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray())];
    }

    private static string Table(string html, string id)
    {
        int start = html.IndexOf($"<table id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no table '{id}'");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<thead>(.*?)</thead>", RegexOptions.Singleline)]
    private static partial Regex TableHead();

    [GeneratedRegex("<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex TableBody();

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
