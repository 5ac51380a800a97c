using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// Everything a segmentation run produced: the customers, the scaling, the chosen K and why, the elbow curve with
/// every score, the clustering, the segment profiles, each customer's segment, and a model for new customers.
/// </summary>
public sealed class SegmentationResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    internal SegmentationResult(
        CustomerTable customers,
        FeatureScaler scaler,
        ElbowResult? elbow,
        string kReason,
        ClusteringResult clustering,
        ImmutableArray<SegmentProfile> profiles,
        ImmutableArray<SegmentAssignment> assignments,
        SegmentationModel model)
    {
        Customers = customers;
        Scaler = scaler;
        Elbow = elbow;
        KReason = kReason;
        Clustering = clustering;
        Profiles = profiles;
        Assignments = assignments;
        Model = model;
    }

    /// <summary>The customers segmented, features in original units, with their ids and any extra columns kept.</summary>
    public CustomerTable Customers { get; }

    /// <summary>The scaling applied before clustering.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The number of segments.</summary>
    public int K => Clustering.K;

    /// <summary>Why this K: the elbow, the fallback when no knee was found, or a fixed K.</summary>
    public string KReason { get; }

    /// <summary>The elbow sweep with every score per K; null when K was fixed.</summary>
    public ElbowResult? Elbow { get; }

    /// <summary>The clustering cost of the segments (K-means: the sum of squared distances to the centres, in scaled units).</summary>
    public double Inertia => Clustering.Inertia;

    /// <summary>The clustering of the scaled features (0-based clusters; users see segment numbers).</summary>
    internal ClusteringResult Clustering { get; }

    /// <summary>One profile per segment, in segment order (1..K, largest first).</summary>
    public ImmutableArray<SegmentProfile> Profiles { get; }

    /// <summary>Each customer's segment, in the customers' order.</summary>
    public ImmutableArray<SegmentAssignment> Assignments { get; }

    /// <summary>The model that places new customers into these segments; save it with <see cref="SegmentationModel.Save(string)"/>.</summary>
    public SegmentationModel Model { get; }

    /// <summary>The profile of segment <paramref name="id"/> (1..K).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No segment has that number.</exception>
    public SegmentProfile Segment(int id)
        => id >= 1 && id <= Profiles.Length ? Profiles[id - 1]
            : throw new ArgumentOutOfRangeException(nameof(id), id, $"Segments are numbered 1..{Profiles.Length}.");

    /// <summary>
    /// Writes one CSV row per customer: the id, every feature in original units, every extra column kept, then the
    /// segment number, its label and the distance to the segment's centre (scaled space).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteAssignmentsCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        FeatureMatrix features = Customers.Features;
        csv.WriteField("Id");
        foreach (string name in features.FeatureNames)
        {
            csv.WriteField(name);
        }

        foreach (string name in Customers.Attributes.Keys)
        {
            csv.WriteField(name);
        }

        csv.WriteField("Segment");
        csv.WriteField("SegmentLabel");
        csv.WriteField("DistanceToCentre");
        csv.NextRecord();
        for (int i = 0; i < Assignments.Length; i++)
        {
            SegmentAssignment assignment = Assignments[i];
            csv.WriteField(assignment.CustomerId);
            for (int j = 0; j < features.FeatureCount; j++)
            {
                csv.WriteField(features[i, j].ToString("R", CultureInfo.InvariantCulture));
            }

            foreach (ImmutableArray<string> column in Customers.Attributes.Values)
            {
                csv.WriteField(column[i]);
            }

            csv.WriteField(assignment.Segment);
            csv.WriteField(assignment.Label);
            csv.WriteField(assignment.DistanceToCentre.ToString("R", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    }

    /// <summary>
    /// Writes one CSV row per segment: number, label, size and share, then for each feature its centre, mean, median,
    /// standard deviation, min, quartiles, max and z-score, then each category's share.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteProfilesCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        string[] statistics = ["centre", "mean", "median", "sd", "min", "q1", "q3", "max", "z"];
        (string Column, string Value)[] categories = CategoryColumns();
        foreach (string header in new[] { "Segment", "Label", "Size", "Share" }
            .Concat(Customers.Features.FeatureNames.SelectMany(f => statistics.Select(s => $"{f} {s}")))
            .Concat(categories.Select(c => $"{c.Column}: {c.Value}")))
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (SegmentProfile profile in Profiles)
        {
            csv.WriteField(profile.Id);
            csv.WriteField(profile.Label);
            csv.WriteField(profile.Size);
            csv.WriteField(Number(profile.Share));
            foreach (FeatureProfile f in profile.Features)
            {
                foreach (double value in new[] { f.Centre, f.Mean, f.Median, f.StandardDeviation, f.Min, f.LowerQuartile, f.UpperQuartile, f.Max, f.ZScore })
                {
                    csv.WriteField(Number(value));
                }
            }

            foreach ((string column, string value) in categories)
            {
                CategoryShare? share = profile.Categories[column].FirstOrDefault(c => c.Value == value);
                csv.WriteField(Number(share?.Share ?? 0));
            }

            csv.NextRecord();
        }
    }

    /// <summary>The profiles as indented JSON: K, the reason for K, and per segment every statistic and composition.</summary>
    public string ProfilesToJson()
        => JsonSerializer.Serialize(
            new
            {
                K,
                KReason,
                Customers = Customers.RowCount,
                Segments = Profiles.Select(p => new
                {
                    p.Id,
                    p.Label,
                    p.Size,
                    p.Share,
                    Features = p.Features.Select(f => new
                    {
                        f.Feature,
                        Centre = Finite(f.Centre),
                        Mean = Finite(f.Mean),
                        Median = Finite(f.Median),
                        StandardDeviation = Finite(f.StandardDeviation),
                        Min = Finite(f.Min),
                        LowerQuartile = Finite(f.LowerQuartile),
                        UpperQuartile = Finite(f.UpperQuartile),
                        Max = Finite(f.Max),
                        ZScore = Finite(f.ZScore),
                    }),
                    p.Categories,
                }),
            },
            Json);

    /// <summary>The profiles as a Markdown table: one row per segment with each feature's mean ± standard deviation and each category's largest share.</summary>
    public string ProfilesToMarkdown()
    {
        var text = new StringBuilder();
        IEnumerable<string> headers = new[] { "Segment", "Label", "Customers", "Share" }
            .Concat(Customers.Features.FeatureNames.Select(f => $"{f} (mean ± sd)"))
            .Concat(Customers.Attributes.Keys);
        text.Append("| ").AppendJoin(" | ", headers.Select(Escape)).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select(_ => " --- ")).AppendLine("|");
        foreach (SegmentProfile p in Profiles)
        {
            IEnumerable<string> cells = new[]
            {
                p.Id.ToString(CultureInfo.InvariantCulture), Escape(p.Label), p.Size.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{p.Share * 100:0.0}%"),
            }
            .Concat(p.Features.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Mean:0.##} ± {f.StandardDeviation:0.##}")))
            .Concat(Customers.Attributes.Keys.Select(column => p.Categories[column].FirstOrDefault() is CategoryShare top
                ? Escape(string.Create(CultureInfo.InvariantCulture, $"{top.Value} {top.Share * 100:0}%"))
                : "—"));
            text.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
        }

        return text.ToString();
    }

    private (string Column, string Value)[] CategoryColumns()
        => [.. Customers.Attributes.Keys.SelectMany(column => Profiles
            .SelectMany(p => p.Categories[column].Select(c => c.Value))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(value => (column, value)))];

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
