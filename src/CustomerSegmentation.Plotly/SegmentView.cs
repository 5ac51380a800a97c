using System.Globalization;
using System.Text;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// What the customers plot draws after sampling and projection: per plotted customer its one to three coordinates and
/// hover text, per segment its centre's coordinates, and the axis titles. With more than three features and no choice
/// made (no <see cref="SegmentPlotOptions.Features"/>, no principal components) the first three are drawn and every
/// feature can be put on any axis (<see cref="ChoosableAxes"/>).
/// </summary>
internal sealed class SegmentView
{
    private SegmentView(SegmentPlotData data, int[] rows, double[][] points, double[][] centres, string[] axisTitles, bool choosableAxes)
    {
        Data = data;
        Rows = rows;
        Points = points;
        Centres = centres;
        AxisTitles = axisTitles;
        ChoosableAxes = choosableAxes;
    }

    public SegmentPlotData Data { get; }

    /// <summary>The plotted row indices, ascending.</summary>
    public int[] Rows { get; }

    /// <summary>The coordinates of each plotted row (parallel to <see cref="Rows"/>), one per axis.</summary>
    public double[][] Points { get; }

    /// <summary>The coordinates of each segment's centre, one per axis.</summary>
    public double[][] Centres { get; }

    /// <summary>The axis titles (x, then y, then z), one per drawn dimension.</summary>
    public string[] AxisTitles { get; }

    /// <summary>The number of drawn dimensions: 1 (strip plot), 2 (scatter) or 3 (3D scatter).</summary>
    public int Dimensions => AxisTitles.Length;

    /// <summary>True when the axes show original features and any feature can be chosen for each of them.</summary>
    public bool ChoosableAxes { get; }

    /// <summary>True when fewer customers are plotted than the data holds.</summary>
    public bool IsSampled => Rows.Length < Data.RowCount;

    public static SegmentView Create(SegmentPlotData data, SegmentPlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        int[] rows = SegmentSample.Draw(data.Labels, data.SegmentCount, options.MaxPoints, options.Seed);
        int d = data.Features.FeatureCount;
        if (options.UsePrincipalComponents)
        {
            PrincipalComponents pca = PrincipalComponents.Fit(data.Features, Math.Min(3, d));
            string[] titles = pca.ExplainedVarianceRatio
                .Select((r, c) => string.Create(CultureInfo.InvariantCulture, $"PC{c + 1} ({r * 100:0.0}% variance)"))
                .ToArray();
            return new SegmentView(
                data,
                rows,
                rows.Select(i => Round(pca.Project(data.Features.GetRow(i)))).ToArray(),
                data.Centroids.Select(c => Round(pca.Project(c))).ToArray(),
                titles,
                choosableAxes: false);
        }

        int[] axes = options.Features.IsEmpty
            ? Enumerable.Range(0, Math.Min(3, d)).ToArray()
            : options.Features.Select(data.Features.IndexOf).ToArray();
        return new SegmentView(
            data,
            rows,
            rows.Select(i => axes.Select(j => (double)data.Features[i, j]).ToArray()).ToArray(),
            data.Centroids.Select(c => axes.Select(j => c[j]).ToArray()).ToArray(),
            axes.Select(j => data.Features.FeatureNames[j]).ToArray(),
            choosableAxes: options.Features.IsEmpty && d > 3);
    }

    /// <summary>The positions in <see cref="Rows"/> of the plotted customers of each segment.</summary>
    public int[][] MembersBySegment()
    {
        var members = new List<int>[Data.SegmentCount];
        for (int s = 0; s < members.Length; s++)
        {
            members[s] = [];
        }

        for (int i = 0; i < Rows.Length; i++)
        {
            members[Data.Labels[Rows[i]]].Add(i);
        }

        return [.. members.Select(m => m.ToArray())];
    }

    /// <summary>The hover text of a plotted customer: id, segment, every feature in original units, extra columns.</summary>
    public string HoverText(int row)
    {
        var text = new StringBuilder();
        text.Append("<b>").Append(Encode(Data.CustomerIds[row])).Append("</b>");
        text.Append("<br>Segment: ").Append(Encode(Data.SegmentNames[Data.Labels[row]]));
        for (int j = 0; j < Data.Features.FeatureCount; j++)
        {
            AppendLine(text, Data.Features.FeatureNames[j], Format(Data.Features[row, j]));
        }

        foreach (HoverColumn column in Data.HoverColumns)
        {
            AppendLine(text, column.Name, column.Values[row]);
        }

        return text.ToString();
    }

    /// <summary>The hover text of a segment centre: its segment and every feature of the centre in original units.</summary>
    public string CentreText(int segment)
    {
        var text = new StringBuilder();
        text.Append("<b>Centre of ").Append(Encode(Data.SegmentNames[segment])).Append("</b>");
        for (int j = 0; j < Data.Features.FeatureCount; j++)
        {
            AppendLine(text, Data.Features.FeatureNames[j], Format(Data.Centroids[segment][j]));
        }

        return text.ToString();
    }

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void AppendLine(StringBuilder text, string name, string value)
        => text.Append("<br>").Append(Encode(name)).Append(": ").Append(Encode(value));

    private static string Encode(string value) => PlotlyText.Literal(value);

    private static double[] Round(double[] values) => values.Select(v => Math.Round(v, 4)).ToArray();
}
