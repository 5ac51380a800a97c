using System.Globalization;
using System.Text;

using CustomerSegmentation.Data;

using Giraffe.ViewEngine;

using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

using Plotly.NET;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// One self-contained HTML page describing a segmentation: the 3D segment plot, a note on sampling, the elbow chart,
/// the scores for each K and the segment profile table. plotly.js is embedded in the page, so it opens with no
/// network at all. Made by <see cref="SegmentationReports.ToReport"/>; immutable; the page is built by <see cref="ToHtml"/>.
/// </summary>
public sealed class SegmentReport
{
    private readonly SegmentView _view;
    private readonly SegmentPlotOptions _options;

    /// <summary>Prepares a report (the sample for the 3D plot is drawn here).</summary>
    /// <param name="segments">The customers, segments and centres for the 3D plot.</param>
    /// <param name="elbow">The elbow curve and scores, or null to leave that section out.</param>
    /// <param name="profile">The segment profile table, or null to leave it out.</param>
    /// <param name="options">How the 3D plot is drawn; the defaults of <see cref="SegmentPlotOptions"/> when null.</param>
    /// <param name="title">The page title. The default is "Customer segmentation report".</param>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="title"/> is blank, or an option names a feature that does not exist.</exception>
    internal SegmentReport(
        SegmentPlotData segments,
        ElbowCurveData? elbow = null,
        ProfileTableData? profile = null,
        SegmentPlotOptions? options = null,
        string title = "Customer segmentation report")
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        _options = options ?? new SegmentPlotOptions();
        _view = SegmentView.Create(segments, _options);
        Elbow = elbow;
        Profile = profile;
        Title = title;
    }

    /// <summary>The page title.</summary>
    public string Title { get; }

    /// <summary>The elbow curve shown, or null.</summary>
    internal ElbowCurveData? Elbow { get; }

    /// <summary>The profile table shown, or null.</summary>
    internal ProfileTableData? Profile { get; }

    /// <summary>The number of customers drawn in the 3D plot.</summary>
    public int PlottedCustomers => _view.Rows.Length;

    /// <summary>The number of customers in the data.</summary>
    public int TotalCustomers => _view.Data.RowCount;

    /// <summary>The sentence on the page that says how many customers the 3D plot shows and how they were chosen.</summary>
    public string SamplingNote => _view.IsSampled
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"The 3D plot shows a random sample of {PlottedCustomers:N0} of the {TotalCustomers:N0} customers (seed {_options.Seed}), drawn from each segment in proportion to its size so that every segment is represented. Centres, scores and profiles use all customers.")
        : string.Create(CultureInfo.InvariantCulture, $"The 3D plot shows all {TotalCustomers:N0} customers.");

    /// <summary>
    /// The complete HTML document, with plotly.js embedded. Text from the data (ids, category values, feature and
    /// column names, segment labels) and the title are shown as text: encoded in the page, shown literally by
    /// plotly.js, and escaped in the chart JSON so that nothing in it can end or comment out its script element.
    /// </summary>
    public string ToHtml()
    {
        var below = new List<XmlNode> { Paragraph("sampling-note", SamplingNote) };
        if (Elbow is not null)
        {
            below.Add(Heading("Choosing the number of segments"));
            below.AddRange(ChartHtml.Nodes(SegmentCharts.Elbow(Elbow)));
            if (!Elbow.Silhouette.IsEmpty || !Elbow.CalinskiHarabasz.IsEmpty || !Elbow.DaviesBouldin.IsEmpty || Elbow.Ks.Length > 1)
            {
                below.AddRange(ChartHtml.Nodes(SegmentCharts.Scores(Elbow)));
            }
        }

        if (Profile is not null)
        {
            below.Add(Heading("Segment profiles"));
            below.AddRange(ChartHtml.Nodes(SegmentCharts.ProfileTable(Profile)));
        }

        XmlNode style = Element(
            HtmlElements.style, [], [HtmlElements.rawText("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}p{max-width:60em}")]);
        GenericChart page = SegmentCharts.Scatter3D(_view, Title);
        page = Chart.withDisplayOptions(PlotlyStyle.SelfContainedPage(Title, [style], below)).Invoke(page);
        return ChartHtml.Document(page);
    }

    /// <summary>
    /// Writes <see cref="ToHtml"/> to a file as UTF-8, replacing it if it exists only once the new file is complete (it is
    /// written to a temporary file in the same folder and moved into place; a failure leaves the old file as it was).
    /// </summary>
    /// <param name="path">The file to write, typically ending in .html.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is left as it was.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] html = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToHtml());
        AtomicFile.Write(path, stream => stream.Write(html));
    }

    private static XmlNode Paragraph(string id, string text)
        => Element(HtmlElements.p, [Attributes._id.Invoke(id)], [HtmlElements.encodedText(text)]);

    private static XmlNode Heading(string text) => Element(HtmlElements.h2, [], [HtmlElements.encodedText(text)]);

    /// <summary>Applies a curried Giraffe.ViewEngine element function to its attributes and children.</summary>
    private static XmlNode Element(
        FSharpFunc<FSharpList<HtmlElements.XmlAttribute>, FSharpFunc<FSharpList<XmlNode>, XmlNode>> element,
        IEnumerable<HtmlElements.XmlAttribute> attributes,
        IEnumerable<XmlNode> children)
        => element.Invoke(ListModule.OfSeq(attributes)).Invoke(ListModule.OfSeq(children));
}
