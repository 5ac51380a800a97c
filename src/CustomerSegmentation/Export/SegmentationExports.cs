using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Selection;
using CustomerSegmentation.Stability;

namespace CustomerSegmentation.Export;

/// <summary>
/// The exports of a <see cref="SegmentationResult"/>: each customer's segment as CSV, and the segment profiles as CSV,
/// JSON and a Markdown table. Segments are numbered 1..K as in <see cref="SegmentProfile.Id"/>. Text uses the invariant
/// culture; numbers in CSV and JSON read back to the same value.
/// </summary>
public static class SegmentationExports
{
    private static readonly string[] Statistics = ["centre", "mean", "median", "sd", "min", "q1", "q3", "max", "z"];

    /// <summary>
    /// Writes one CSV row per customer: the id, every feature in original units, every extra column kept, then the
    /// segment number (1..K), its label and the distance to the segment's centre (scaled space); when the clustering
    /// gives membership probabilities (a Gaussian mixture), one more column per segment, <c>p_segment_1</c> to
    /// <c>p_segment_K</c>, each customer's probability of that segment.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked before anything is written and every 4,096 customers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; what was written so far stays in <paramref name="writer"/>.</exception>
    public static void WriteAssignmentsCsv(this SegmentationResult result, TextWriter writer, CsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        CustomerTable customers = result.Customers;
        FeatureMatrix features = customers.Features;
        int probabilities = result.Assignments[0].Probabilities?.Count ?? 0;
        string[] header =
        [
            "Id", .. features.FeatureNames, .. customers.Attributes.Keys, "Segment", "SegmentLabel", "DistanceToCentre",
            .. Enumerable.Range(1, probabilities).Select(s => FormattableString.Invariant($"p_segment_{s}")),
        ];
        IEnumerable<string[]> rows = result.Assignments.Select((assignment, i) => (string[])
        [
            assignment.CustomerId,
            .. Enumerable.Range(0, features.FeatureCount).Select(j => ExportText.Number(features[i, j])),
            .. customers.Attributes.Values.Select(column => column[i]),
            ExportText.Number(assignment.Segment),
            assignment.Label,
            ExportText.Number(assignment.DistanceToCentre),
            .. (assignment.Probabilities ?? []).Select(p => ExportText.Number(p)),
        ]);
        int d = features.FeatureCount;
        int segment = 1 + d + customers.Attributes.Count;
        CsvTable.Write(writer, header, rows, c => (c >= 1 && c <= d) || c == segment || c >= segment + 2, options, cancellationToken);
    }

    /// <summary>
    /// Writes one CSV row per segment: number (1..K), label, size and share, then for each feature its centre, mean,
    /// median, standard deviation, min, quartiles, max and z-score, then the share of each value of each extra column.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="writer"/> is null.</exception>
    public static void WriteProfilesCsv(this SegmentationResult result, TextWriter writer, CsvExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        (string Column, string Value)[] categories = CategoryColumns(result);
        string[] header =
        [
            "Segment", "Label", "Size", "Share",
            .. result.Customers.Features.FeatureNames.SelectMany(f => Statistics.Select(s => $"{f} {s}")),
            .. categories.Select(c => $"{c.Column}: {c.Value}"),
        ];
        IEnumerable<string[]> rows = result.Profiles.Select(p =>
        {
            Dictionary<(string Column, string Value), double> shares = Shares(p);
            return (string[])
            [
                ExportText.Number(p.Id),
                p.Label,
                ExportText.Number(p.Size),
                ExportText.Number(p.Share),
                .. p.Features.SelectMany(f => new[] { f.Centre, f.Mean, f.Median, f.StandardDeviation, f.Min, f.LowerQuartile, f.UpperQuartile, f.Max, f.ZScore })
                    .Select(ExportText.Number),
                .. categories.Select(c => ExportText.Number(shares.GetValueOrDefault(c))),
            ];
        });
        CsvTable.Write(writer, header, rows, c => c != 1, options);
    }

    /// <summary>
    /// The profiles as indented JSON: K, the reason for K, the number of customers, and per segment (numbered 1..K)
    /// its label, size, share, every feature statistic (null where undefined) and the composition of each extra column;
    /// then the rules (null after <see cref="SegmentationPipeline.WithoutRules"/>): overall fidelity, depth, settings,
    /// and per segment its rule as text, fidelity, precision, counts and paths (each a list of conditions with
    /// <c>greaterThan</c> and <c>atMost</c> bounds, null where unbounded).
    /// then <c>gap</c> (the gap statistic per K and the gap's K, when the sweep computed it) and <c>stability</c> (the
    /// bootstrap stability per segment and overall, when the pipeline asked for it), each null otherwise.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <returns>The JSON text (camelCase properties).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToProfilesJson(this SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ExportJson.Serialize(new
        {
            result.K,
            result.KReason,
            Customers = result.Customers.RowCount,
            Segments = result.Profiles.Select(p => new
            {
                p.Id,
                p.Label,
                p.Size,
                p.Share,
                Features = p.Features.Select(f => new
                {
                    f.Feature,
                    Centre = ExportJson.Finite(f.Centre),
                    Mean = ExportJson.Finite(f.Mean),
                    Median = ExportJson.Finite(f.Median),
                    StandardDeviation = ExportJson.Finite(f.StandardDeviation),
                    Min = ExportJson.Finite(f.Min),
                    LowerQuartile = ExportJson.Finite(f.LowerQuartile),
                    UpperQuartile = ExportJson.Finite(f.UpperQuartile),
                    Max = ExportJson.Finite(f.Max),
                    ZScore = ExportJson.Finite(f.ZScore),
                }),
                p.Categories,
            }),
            Rules = RulesJson(result.Rules),
            Gap = GapCurve(result) is { } curve ? new
            {
                ChosenK = result.Elbow!.GapChosenK,
                Curve = curve.Select(point => new { point.K, point.Gap, point.GapStandardError }),
            }
            : null,
            Stability = result.Stability is { } stability ? new
            {
                stability.Resamples,
                stability.Verdict,
                stability.MeanJaccard,
                stability.Summary,
                Segments = stability.Segments.Select(segment => new
                {
                    segment.Segment,
                    segment.Size,
                    segment.MeanJaccard,
                    segment.Verdict,
                    segment.Dissolved,
                    segment.Recovered,
                }),
            }
            : null,
        });
    }

    /// <summary>
    /// The rules as a Markdown table with aligned columns: per segment (numbered 1..K) its label, its rule in the
    /// customers' own units, its fidelity (the share of its customers the rule places in it), its precision and its
    /// customers, then a last row with the overall fidelity.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <returns>The table; one line saying so when the pipeline ran <see cref="SegmentationPipeline.WithoutRules"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToRulesMarkdown(this SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Rules is not SegmentRules rules)
        {
            return "No rules (the pipeline ran WithoutRules)." + Environment.NewLine;
        }

        string[] header = ["Segment", "Label", "Rule", "Fidelity", "Precision", "Customers"];
        IEnumerable<IReadOnlyList<string>> rows = rules.Rules.Select(r => (IReadOnlyList<string>)
        [
            ExportText.Number(r.Segment),
            result.Segment(r.Segment).Label,
            r.Text,
            ExportText.Percent(r.Fidelity),
            ExportText.Percent(r.Precision),
            ExportText.Count(r.Customers),
        ]);
        IReadOnlyList<string> overall =
        [
            "All", $"depth {ExportText.Number(rules.Depth)}", string.Empty, ExportText.Percent(rules.Fidelity), string.Empty, ExportText.Count(rules.Customers),
        ];
        return MarkdownTable.Write(header, rows.Append(overall));
    }

    /// <summary>The rules for the profiles JSON: overall fidelity, depth, and per segment its rule as text and as conditions.</summary>
    private static object? RulesJson(SegmentRules? rules) => rules is null ? null : new
    {
        rules.Fidelity,
        rules.Depth,
        rules.Options.MaxDepth,
        rules.Options.MinLeafSize,
        Criterion = rules.Options.Criterion.Name,
        Segments = rules.Rules.Select(r => new
        {
            r.Segment,
            Rule = r.Text,
            r.HasRule,
            r.Fidelity,
            r.Precision,
            r.Customers,
            r.Predicted,
            r.Matched,
            Paths = r.Paths.Select(path => path.Conditions.Select(c => new { c.Feature, c.GreaterThan, c.AtMost })),
        }),
    };

    /// <summary>
    /// Is the segmentation real? A Markdown table per segment (numbered 1..K) of its label, customers, mean Jaccard
    /// similarity over the bootstrap resamples, verdict, and the resamples in which it dissolved and was recovered,
    /// then a blank line and the overall verdict in a sentence.
    /// </summary>
    /// <param name="result">The segmentation, run with <see cref="SegmentationPipeline.WithStability"/>.</param>
    /// <returns>The table and the sentence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The pipeline did not assess stability.</exception>
    public static string ToStabilityMarkdown(this SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        StabilityResult stability = result.Stability
            ?? throw new InvalidOperationException("The segmentation has no stability assessment; run the pipeline with WithStability() to get one.");
        IEnumerable<IReadOnlyList<string>> rows = stability.Segments.Select(s => (IReadOnlyList<string>)
        [
            ExportText.Number(s.Segment),
            result.Segment(s.Segment).Label,
            ExportText.Count(s.Size),
            ExportText.Score(s.MeanJaccard),
            s.Verdict.ToString(),
            $"{ExportText.Number(s.Dissolved)} of {ExportText.Number(stability.Resamples)}",
            $"{ExportText.Number(s.Recovered)} of {ExportText.Number(stability.Resamples)}",
        ]);
        return MarkdownTable.Write(["Segment", "Label", "Customers", "Mean Jaccard", "Verdict", "Dissolved", "Recovered"], rows)
            + Environment.NewLine + stability.Summary + Environment.NewLine;
    }

    /// <summary>
    /// The gap statistic as a Markdown table: per K its Gap(K) and s_K, the K the gap chooses marked, followed by the
    /// blank line and the sentence of how K was chosen.
    /// </summary>
    /// <param name="result">The segmentation, whose sweep computed the gap (<see cref="KSelectionRule.Gap"/>).</param>
    /// <returns>The table and the sentence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="InvalidOperationException">K was fixed or the sweep did not compute the gap.</exception>
    public static string ToGapMarkdown(this SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<ElbowPoint> curve = GapCurve(result)
            ?? throw new InvalidOperationException("The segmentation has no gap statistic; choose K with KSelectionRule.Gap() to compute it.");
        int? chosen = result.Elbow!.GapChosenK;
        IEnumerable<IReadOnlyList<string>> rows = curve.Select(p => (IReadOnlyList<string>)
        [
            ExportText.Number(p.K),
            p.Gap is double gap ? ExportText.Score(gap) : "",
            p.GapStandardError is double error ? ExportText.Score(error) : "",
            p.K == chosen ? "gap's K" : "",
        ]);
        return MarkdownTable.Write(["K", "Gap", "s_K", "Chosen"], rows) + Environment.NewLine + result.KReason + Environment.NewLine;
    }

    /// <summary>The sweep's curve when it holds the gap statistic, else null.</summary>
    private static IReadOnlyList<ElbowPoint>? GapCurve(SegmentationResult result)
        => result.Elbow is { } elbow && elbow.Curve.Any(p => p.Gap is not null) ? elbow.Curve : null;

    /// <summary>
    /// The profiles as a Markdown table with aligned columns: per segment (numbered 1..K) its label, customers and
    /// share, each feature's mean ± standard deviation (min–max) in original units, and the share of each value of
    /// each extra column, most frequent first.
    /// </summary>
    /// <param name="result">The segmentation.</param>
    /// <returns>The table, one line per segment after the header and separator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToProfilesMarkdown(this SegmentationResult result)
    {
        ProfileTable table = ProfileTable.Of(result);
        return MarkdownTable.Write(table.Headers, table.Rows.Select(row => (IReadOnlyList<string>)row));
    }

    /// <summary>The share of each (column, value) in a segment; the first entry wins should a value be listed twice.</summary>
    private static Dictionary<(string Column, string Value), double> Shares(SegmentProfile profile)
    {
        var shares = new Dictionary<(string Column, string Value), double>();
        foreach ((string column, System.Collections.Immutable.ImmutableArray<CategoryShare> values) in profile.Categories)
        {
            foreach (CategoryShare share in values)
            {
                shares.TryAdd((column, share.Value), share.Share);
            }
        }

        return shares;
    }

    private static (string Column, string Value)[] CategoryColumns(SegmentationResult result)
        => [.. result.Customers.Attributes.Keys.SelectMany(column => result.Profiles
            .SelectMany(p => p.Categories[column].Select(c => c.Value))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(value => (column, value)))];
}
