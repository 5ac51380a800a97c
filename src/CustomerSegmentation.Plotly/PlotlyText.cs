namespace CustomerSegmentation.Plotly;

/// <summary>
/// Text for plotly.js to show literally. plotly.js reads names, titles, table cells and hover text as a small HTML
/// subset (tags such as &lt;b&gt; and &lt;br&gt;, and entities), so text that comes from data has its <c>&amp;</c>,
/// <c>&lt;</c> and <c>&gt;</c> written as entities: a category value <c>&lt;b&gt;x&lt;/b&gt;</c> is shown as typed,
/// not in bold, and no markup from data reaches the page. Quotes are left alone (plotly.js shows <c>&amp;quot;</c>
/// literally).
/// </summary>
internal static class PlotlyText
{
    /// <summary><paramref name="text"/> with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as entities.</summary>
    public static string Literal(string text)
        => text.AsSpan().IndexOfAny('&', '<', '>') < 0
            ? text
            : text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
