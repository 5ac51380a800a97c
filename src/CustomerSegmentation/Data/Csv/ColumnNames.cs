using System.Collections.Immutable;

namespace CustomerSegmentation.Data.Csv;

/// <summary>Checks lists of requested column names and suggests the closest header name for a missing one.</summary>
internal static class ColumnNames
{
    /// <summary>Trims the names and rejects a null list, a blank name or a duplicate (case-insensitive).</summary>
    public static ImmutableArray<string> Validate(IReadOnlyList<string> names, string parameter, string role, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(names, parameter);
        if (!allowEmpty && names.Count == 0)
        {
            throw new ArgumentException($"At least one {role} is required; the list is empty.", parameter);
        }

        var builder = ImmutableArray.CreateBuilder<string>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            string? name = names[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"The {role} at position {i} is blank; give a header name.", parameter);
            }

            name = name.Trim();
            int first = builder.IndexOf(name, 0, builder.Count, StringComparer.OrdinalIgnoreCase);
            if (first >= 0)
            {
                throw new ArgumentException($"The {role} '{name}' is listed twice (positions {first} and {i}); list each column once.", parameter);
            }

            builder.Add(name);
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// The candidate closest to <paramref name="wanted"/> by edit distance (case-insensitive), or null when none is close:
    /// within half the longer name's length (at least 3 edits), or one name containing the other.
    /// </summary>
    public static string? ClosestTo(string wanted, IEnumerable<string> candidates)
    {
        string target = wanted.Trim().ToUpperInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            string other = candidate.Trim().ToUpperInvariant();
            if (other.Length == 0)
            {
                continue;
            }

            int distance = EditDistance(target, other);
            bool close = distance <= Math.Max(3, Math.Max(target.Length, other.Length) / 2)
                || other.Contains(target, StringComparison.Ordinal)
                || target.Contains(other, StringComparison.Ordinal);
            if (close && distance < bestDistance)
            {
                best = candidate.Trim();
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
