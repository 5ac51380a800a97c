using CustomerSegmentation.Plotly.Page;

using Giraffe.ViewEngine;

using Plotly.NET;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// How a page gets plotly.js: embedded in full (the default: the page opens with no network, about 3.6 MB) or
/// loaded from a URL the user names (a much smaller file that needs that URL to be reachable).
/// </summary>
public sealed class PlotlyScript
{
    private PlotlyScript(string? url) => Url = url;

    /// <summary>plotly.js embedded in the page: it opens offline.</summary>
    public static PlotlyScript Embedded { get; } = new(null);

    /// <summary>The URL plotly.js is loaded from, or null when it is embedded.</summary>
    public string? Url { get; }

    /// <summary>Whether plotly.js is embedded in the page.</summary>
    public bool IsEmbedded => Url is null;

    /// <summary>The plotly.js that Plotly.NET embeds (its own resource, the version its charts are made for).</summary>
    internal static string EmbeddedSource => Source.Value;

    private static readonly Lazy<string> Source = new(() =>
    {
        string name = "Plotly.NET.plotly-" + global::Globals.PLOTLYJS_VERSION + ".min.js";
        using Stream stream = typeof(GenericChart).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Plotly.NET does not carry the resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The script element that gives a page plotly.js: inline when embedded, else a reference to <see cref="Url"/>.</summary>
    internal XmlNode ScriptNode()
        => Url is null
            ? PageNodes.Element(HtmlElements.script, [PageNodes.Attribute("type", "text/javascript"), PageNodes.Attribute("charset", "utf-8")], [HtmlElements.rawText(EmbeddedSource)])
            : PageNodes.Element(HtmlElements.script, [PageNodes.Attribute("src", Url), PageNodes.Attribute("charset", "utf-8")], []);

    /// <summary>plotly.js loaded from <paramref name="url"/> (an absolute http, https or file URL) instead of embedded.</summary>
    /// <param name="url">The absolute URL of plotly.min.js (plotly.js 2.x).</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is blank, not absolute, or not http, https or file.</exception>
    public static PlotlyScript FromUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https" or "file"))
        {
            throw new ArgumentException($"The plotly.js URL must be an absolute http, https or file URL, but was '{url}'.", nameof(url));
        }

        return new PlotlyScript(uri.AbsoluteUri);
    }
}
