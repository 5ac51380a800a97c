using System.Globalization;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// Writes readable segment labels from z-scores: the two features whose segment mean sits farthest from the population
/// (at least <see cref="Threshold"/> standard deviations), read in column order, become "High income · Low spending". Labels are made unique
/// by adding further features and, as a last resort, the segment number. A feature with its own words
/// (<see cref="FeatureWording"/>, e.g. "Lapsed" / "Recent") reads with them instead of "High ..." / "Low ...".
/// </summary>
internal static class SegmentLabels
{
    /// <summary>How many population standard deviations make a feature "high" or "low".</summary>
    public const double Threshold = 0.5;

    /// <summary>
    /// The share of a segment a categorical feature's mode must reach to be named in the label ("Mostly female"): 70%,
    /// a clear majority of the segment, unlike a mode that merely leads.
    /// </summary>
    public const double CategoryShareThreshold = 0.7;

    /// <summary>
    /// The categorical words of a segment's label: "Mostly &lt;mode&gt;" for each categorical feature whose mode holds at
    /// least <see cref="CategoryShareThreshold"/> of the segment, in feature order (a one-word mode in lower case,
    /// "Mostly female"); empty when none does.
    /// </summary>
    /// <param name="modes">Per categorical feature, the segment's mode and its share.</param>
    public static string CategoryWords(IEnumerable<(string Mode, double Share)> modes)
        => string.Join(" · ", modes
            .Where(m => m.Share >= CategoryShareThreshold)
            .Select(m => $"Mostly {(m.Mode.All(char.IsLetter) ? m.Mode.ToLowerInvariant() : m.Mode)}"));

    private const int MostWords = 2;

    private static readonly HashSet<string> GenericWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "annual", "yearly", "monthly", "score", "total", "amount", "value", "level", "index", "rate", "count", "number", "of",
    };

    /// <summary>Labels for segments given each segment's z-score per feature (NaN for an empty segment) and each feature's own words, if any.</summary>
    public static string[] Create(IReadOnlyList<string> featureNames, IReadOnlyList<double[]> zScores, IReadOnlyList<int> segmentIds, IReadOnlyList<FeatureWording?>? wordings = null, IReadOnlyList<string>? prefixes = null)
    {
        FeatureWords[] words = [.. featureNames.Select((f, j) => new FeatureWords(ShortName(f), wordings?[j]))];
        var labels = new string[zScores.Count];
        var depth = Enumerable.Repeat(MostWords, zScores.Count).ToArray();
        for (int round = 0; round <= featureNames.Count; round++)
        {
            for (int s = 0; s < labels.Length; s++)
            {
                labels[s] = prefixes is { } p && p[s].Length > 0 ? $"{p[s]} · {Describe(words, zScores[s], depth[s])}" : Describe(words, zScores[s], depth[s]);
            }

            var clashes = labels.Select((label, s) => (label, s)).GroupBy(p => p.label).Where(g => g.Count() > 1).SelectMany(g => g).ToList();
            if (clashes.Count == 0)
            {
                return labels;
            }

            foreach ((_, int s) in clashes)
            {
                depth[s]++;
            }
        }

        // Still equal after every feature: the segments are indistinguishable by their means; number them.
        var counts = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        return labels.Select((label, s) => counts[label] > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{label} (segment {segmentIds[s]})")
            : label).ToArray();
    }

    /// <summary>
    /// Words that name a unit rather than the quantity ("annual_income_k", "age_years", "spend_usd"): left out when
    /// they end a column name that has other words.
    /// </summary>
    private static readonly HashSet<string> UnitWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "k", "m", "thousand", "thousands", "million", "millions", "usd", "eur", "gbp", "dollars", "euros", "pounds",
        "pct", "percent", "yrs", "years", "months", "weeks", "days", "hours", "kg", "cm",
    };

    /// <summary>
    /// "Annual Income (k$)" becomes "income", "Spending Score (1-100)" becomes "spending"; snake_case, kebab-case and
    /// camelCase names are read as words ("annual_income_k" and "annualIncomeK" become "income", "age_years" "age").
    /// </summary>
    internal static string ShortName(string feature)
    {
        int bracket = feature.IndexOf('(', StringComparison.Ordinal);
        string bare = (bracket > 0 ? feature[..bracket] : feature).Trim();
        string[] parts = SplitCamelCase(bare).Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries);
        int end = parts.Length;
        while (end > 1 && UnitWords.Contains(parts[end - 1]))
        {
            end--;
        }

        parts = parts[..end];
        string[] kept = parts.Where(p => !GenericWords.Contains(p)).ToArray();
        string name = string.Join(' ', kept.Length > 0 ? kept : parts.TakeLast(1));
        return name.Length == 0 ? feature.Trim().ToLowerInvariant() : name.ToLowerInvariant();
    }

    /// <summary>"spendingScore" becomes "spending Score" (a space before each capital that follows a small letter).</summary>
    private static string SplitCamelCase(string text)
    {
        var split = new System.Text.StringBuilder(text.Length + 4);
        for (int i = 0; i < text.Length; i++)
        {
            if (i > 0 && char.IsUpper(text[i]) && char.IsLower(text[i - 1]))
            {
                split.Append(' ');
            }

            split.Append(text[i]);
        }

        return split.ToString();
    }

    private static string Describe(FeatureWords[] words, double[] z, int depth)
    {
        if (z.Any(double.IsNaN))
        {
            return "Empty segment";
        }

        var order = Enumerable.Range(0, z.Length).OrderByDescending(j => Math.Abs(z[j])).ThenBy(j => j).ToList();
        var chosen = order.Where(j => Math.Abs(z[j]) >= Threshold).Take(Math.Min(depth, MostWords)).ToList();
        if (depth > MostWords)
        {
            // Tie-breaking detail: further features in order of distinctiveness, even the average ones.
            chosen.AddRange(order.Except(chosen).Take(depth - MostWords));
        }

        // The most distinctive features, read in the data's column order ("High income · Low spending").
        return chosen.Count == 0 ? "Average customers" : string.Join(" · ", chosen.Order().Select(j => Word(words[j], z[j])));
    }

    private static string Word(FeatureWords words, double z)
    {
        string name = words.Name;
        if (Math.Abs(z) < Threshold)
        {
            return $"Average {name}";
        }

        if (words.Own is { } own)
        {
            return z > 0 ? own.High : own.Low;
        }

        if (name == "age")
        {
            return z > 0 ? "Older" : "Younger";
        }

        return z > 0 ? $"High {name}" : $"Low {name}";
    }

    /// <summary>A feature's short name and, when it has them, its own words for high and low.</summary>
    private readonly record struct FeatureWords(string Name, FeatureWording? Own);
}
