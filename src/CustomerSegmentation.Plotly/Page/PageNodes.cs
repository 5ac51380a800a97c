using Giraffe.ViewEngine;

using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

using XmlAttribute = Giraffe.ViewEngine.HtmlElements.XmlAttribute;
using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly.Page;

/// <summary>
/// The HTML elements the report pages are made of, built with Giraffe.ViewEngine (which Plotly.NET already uses). Text
/// is always encoded (<see cref="Text"/>); only the page's own style and script are raw.
/// </summary>
internal static class PageNodes
{
    /// <summary>Applies a curried Giraffe.ViewEngine element function to its attributes and children.</summary>
    public static XmlNode Element(
        FSharpFunc<FSharpList<XmlAttribute>, FSharpFunc<FSharpList<XmlNode>, XmlNode>> element,
        IEnumerable<XmlAttribute> attributes,
        IEnumerable<XmlNode> children)
        => element.Invoke(ListModule.OfSeq(attributes)).Invoke(ListModule.OfSeq(children));

    /// <summary>Applies a curried Giraffe.ViewEngine void element function (one without children, e.g. meta) to its attributes.</summary>
    public static XmlNode VoidElement(Func<FSharpList<XmlAttribute>, XmlNode> element, IEnumerable<XmlAttribute> attributes)
        => element.Invoke(ListModule.OfSeq(attributes));

    /// <summary>Text shown literally (HTML-encoded).</summary>
    public static XmlNode Text(string text) => HtmlElements.encodedText(text);

    /// <summary>An attribute with an encoded value, e.g. <c>data-value</c>.</summary>
    public static XmlAttribute Attribute(string name, string value) => HtmlElements.attr(name, value);

    /// <summary>A <c>class</c> attribute.</summary>
    public static XmlAttribute Class(string value) => Attributes._class.Invoke(value);

    /// <summary>An <c>id</c> attribute.</summary>
    public static XmlAttribute Id(string value) => Attributes._id.Invoke(value);

    /// <summary>A paragraph of text, with an optional id and class.</summary>
    public static XmlNode Paragraph(string text, string? id = null, string? cssClass = null)
        => Element(HtmlElements.p, IdAndClass(id, cssClass), [Text(text)]);

    /// <summary>A second-level heading with an id so that the page can link to it.</summary>
    public static XmlNode Heading(string text, string id)
        => Element(HtmlElements.h2, [Id(id)], [Text(text)]);

    /// <summary>A <c>section</c> with an id and a class, holding <paramref name="children"/>.</summary>
    public static XmlNode Section(string id, IEnumerable<XmlNode> children, string cssClass = "card")
        => Element(HtmlElements.section, [Id(id), Class(cssClass)], children);

    /// <summary>A <c>div</c> with a class.</summary>
    public static XmlNode Div(string cssClass, IEnumerable<XmlNode> children)
        => Element(HtmlElements.div, [Class(cssClass)], children);

    /// <summary>
    /// A row of key figures ("1,000 customers", "5 segments", ...): each a large value over a small caption. The order
    /// is kept.
    /// </summary>
    public static XmlNode KeyFigures(IEnumerable<(string Value, string Caption)> figures)
        => Element(
            HtmlElements.dl,
            [Class("figures")],
            figures.Select(f => Div("figure", [
                Element(HtmlElements.dt, [], [Text(f.Caption)]),
                Element(HtmlElements.dd, [], [Text(f.Value)]),
            ])));

    private static IEnumerable<XmlAttribute> IdAndClass(string? id, string? cssClass)
    {
        if (id is not null)
        {
            yield return Id(id);
        }

        if (cssClass is not null)
        {
            yield return Class(cssClass);
        }
    }

    /// <summary>
    /// A link that downloads <paramref name="gzip"/> unpacked, as a file named <paramref name="fileName"/>: the
    /// gzip-compressed bytes are in the page as base64 and <see cref="PageDocument.DownloadScript"/> unpacks them in
    /// the browser (DecompressionStream, no network) and sets the link's href; until then the link is marked
    /// <c>aria-disabled</c>. Once ready it has <c>data-ready="true"</c>.
    /// </summary>
    /// <param name="text">The link's text.</param>
    /// <param name="fileName">The downloaded file's name.</param>
    /// <param name="mediaType">The file's media type.</param>
    /// <param name="gzip">The gzip-compressed content.</param>
    /// <param name="id">The link's id.</param>
    /// <param name="columns">Whether the content is a table column by column (rebuilt into CSV rows in the browser) rather than the file itself.</param>
    public static XmlNode CompressedDownloadLink(string text, string fileName, string mediaType, byte[] gzip, string id, bool columns = false)
        => Element(
            HtmlElements.a,
            [
                Id(id),
                Class("download"),
                Attribute("download", fileName),
                Attribute("href", "#" + id),
                Attribute("aria-disabled", "true"),
                Attribute("data-type", mediaType),
                Attribute("data-layout", columns ? "columns" : "file"),
                Attribute("data-gzip", Convert.ToBase64String(gzip)),
            ],
            [Text(text)]);

    /// <summary>The script that makes every <see cref="CompressedDownloadLink"/> of the page work; put it once, after the links.</summary>
    public static XmlNode DownloadScript()
        => Element(HtmlElements.script, [Attribute("type", "text/javascript")], [HtmlElements.rawText(PageDocument.DownloadScript)]);
}
