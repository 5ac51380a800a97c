namespace CustomerSegmentation.Data;

/// <summary>
/// A feature's own words for segments that sit high or low on it, used by the segment labels instead of "High &lt;feature&gt;"
/// and "Low &lt;feature&gt;": for days since the last purchase, "Lapsed" (high) and "Recent" (low). Attach it to a feature with
/// <see cref="CustomerTable.WithFeatureWording"/>.
/// </summary>
public sealed record FeatureWording
{
    /// <summary>Creates the words.</summary>
    /// <param name="high">The word for a segment well above the population on the feature, e.g. "Lapsed".</param>
    /// <param name="low">The word for a segment well below it, e.g. "Recent".</param>
    /// <exception cref="ArgumentException">A word is null or blank, or both are the same (case-insensitive).</exception>
    public FeatureWording(string high, string low)
    {
        High = Word(high, nameof(high), "above");
        Low = Word(low, nameof(low), "below");
        if (string.Equals(High, Low, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The high and low words are both '{High}'; a label could not tell the two sides apart.", nameof(low));
        }
    }

    /// <summary>The word for a segment well above the population, trimmed.</summary>
    public string High { get; }

    /// <summary>The word for a segment well below the population, trimmed.</summary>
    public string Low { get; }

    private static string Word(string value, string parameter, string side)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {parameter} word is missing or blank; give the word for a segment {side} the population, e.g. \"Lapsed\" or \"Recent\".", parameter);
        }

        return value.Trim();
    }
}
