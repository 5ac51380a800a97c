using System.Collections.Immutable;
using System.Text;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// The names a report shows for the data's features and extra columns: the user's display name when given, else the
/// column name made readable (<see cref="Readable"/>). Immutable.
/// </summary>
internal sealed class ColumnDisplayNames
{
    private readonly ImmutableDictionary<string, string> _names;

    private ColumnDisplayNames(ImmutableDictionary<string, string> names) => _names = names;

    /// <summary>No renaming at all: every name is shown as it is.</summary>
    public static ColumnDisplayNames None { get; } = new(ImmutableDictionary<string, string>.Empty);

    /// <summary>The display name of <paramref name="column"/> (itself when it has none).</summary>
    public string this[string column] => _names.TryGetValue(column, out string? name) ? name : column;

    /// <summary>Whether any column is shown under another name.</summary>
    public bool RenamesAny => _names.Any(p => p.Key != p.Value);

    /// <summary>
    /// The display names of <paramref name="columns"/>: <paramref name="given"/> where it names them, else the readable
    /// form of the column name; a readable form that would clash with another column's name keeps the original.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="given"/> names a column that is not among <paramref name="columns"/> (the message lists them).</exception>
    public static ColumnDisplayNames Of(IReadOnlyList<string> columns, IReadOnlyDictionary<string, string> given)
    {
        foreach (string key in given.Keys.Order(StringComparer.Ordinal))
        {
            if (!columns.Contains(key, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"FeatureDisplayNames names '{key}', which is not a feature or column of the data. The features and columns are: {string.Join(", ", columns.Select(c => $"'{c}'"))}.",
                    "options");
            }
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string column in columns)
        {
            names[column] = given.TryGetValue(column, out string? name) ? name.Trim() : Readable(column);
        }

        // Two columns must not read alike: a generated name that clashes falls back to the column's own name.
        foreach (IGrouping<string, string> clash in columns.GroupBy(c => names[c], StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).ToList())
        {
            foreach (string column in clash.Where(c => !given.ContainsKey(c)))
            {
                names[column] = column;
            }
        }

        return new ColumnDisplayNames(names.ToImmutableDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// A column name as words: snake_case, kebab-case and camelCase become words in sentence case ("annual_income_k"
    /// reads "Annual income k", "spendingScore" reads "Spending score"); words in capitals stay so ("order_count_USD"
    /// reads "Order count USD"); a part in parentheses (a unit such as "(k$)") is kept as written. A name that already
    /// has spaces is left as it is ("Annual Income (k$)", "Visits per_month"); one word in small letters is capitalised ("genre").
    /// </summary>
    public static string Readable(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        int bracket = column.IndexOf('(', StringComparison.Ordinal);
        string bare = bracket >= 0 ? column[..bracket] : column;
        string unit = bracket >= 0 ? column[bracket..] : "";
        bool joined = !bare.Trim().Contains(' ', StringComparison.Ordinal) && (bare.Contains('_', StringComparison.Ordinal) || bare.Contains('-', StringComparison.Ordinal) || HasCamelHump(bare));
        if (!joined)
        {
            // One word in small letters ("genre") reads as a heading ("Genre"); anything else is left as written.
            return column.Length > 0 && column.All(c => char.IsLower(c) || char.IsDigit(c)) && char.IsLower(column[0])
                    ? char.ToUpperInvariant(column[0]) + column[1..]
                    : column;
        }

        string[] words = SplitWords(bare);
        if (words.Length == 0)
        {
            return column;
        }

        var text = new StringBuilder();
        for (int w = 0; w < words.Length; w++)
        {
            string word = words[w];
            bool acronym = word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Any(char.IsLetter);
            string shown = acronym ? word : word.ToLowerInvariant();
            if (w == 0 && !acronym)
            {
                shown = char.ToUpperInvariant(shown[0]) + shown[1..];
            }

            text.Append(w == 0 ? "" : " ").Append(shown);
        }

        return unit.Length == 0 ? text.ToString() : text.Append(' ').Append(unit.Trim()).ToString();
    }

    private static bool HasCamelHump(string text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (char.IsLower(text[i - 1]) && char.IsUpper(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words split at underscores, hyphens, spaces and camelCase humps ("orderCountUSD" gives order, Count, USD).</summary>
    private static string[] SplitWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '_' or '-' or ' ')
            {
                Flush();
                continue;
            }

            bool hump = word.Length > 0 && char.IsUpper(c) && (char.IsLower(text[i - 1]) || (i + 1 < text.Length && char.IsLower(text[i + 1]) && char.IsUpper(text[i - 1])));
            if (hump)
            {
                Flush();
            }

            word.Append(c);
        }

        Flush();
        return [.. words];

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }
}
