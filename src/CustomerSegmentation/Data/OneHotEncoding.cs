using System.Collections.Immutable;

namespace CustomerSegmentation.Data;

/// <summary>
/// One-hot encoding of categorical features for numeric clusterers: each level of each categorical feature becomes a
/// numeric column named "feature=level" holding <see cref="Weight"/> for the customers with that level and 0 for the
/// others, appended after the numeric columns. Two customers who differ on one categorical feature differ by
/// 2 × weight² in squared Euclidean distance (the default weight 0.5 gives 0.5, the K-prototypes default gamma on
/// standardised data); equal categories add nothing.
/// </summary>
internal sealed class OneHotEncoding
{
    public OneHotEncoding(ImmutableArray<string> names, ImmutableArray<ImmutableArray<string>> levels, double weight)
    {
        Names = names;
        Levels = levels;
        Weight = weight;
        ColumnNames = [.. names.SelectMany((name, f) => levels[f].Select(level => $"{name}={level}"))];
    }

    /// <summary>The categorical features, in order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>Each feature's levels, in the order of its columns.</summary>
    public ImmutableArray<ImmutableArray<string>> Levels { get; }

    /// <summary>The value of a level's column for the customers who have it.</summary>
    public double Weight { get; }

    /// <summary>The names of the appended columns, "feature=level".</summary>
    public ImmutableArray<string> ColumnNames { get; }

    /// <summary>The encoding of the given fitted columns.</summary>
    public static OneHotEncoding Of(IReadOnlyList<CategoricalColumn> columns, double weight)
        => new([.. columns.Select(c => c.Name)], [.. columns.Select(c => c.Levels)], weight);

    /// <summary>
    /// <paramref name="numeric"/>'s columns followed by the one-hot columns of <paramref name="categoricals"/> (matched
    /// by name, re-encoded with these levels; a value that is not a level gets zeros in every column of its feature).
    /// </summary>
    /// <exception cref="ArgumentException">A categorical feature of this encoding is missing.</exception>
    public FeatureMatrix Append(FeatureMatrix numeric, IReadOnlyList<CategoricalColumn> categoricals)
    {
        int n = numeric.RowCount;
        float[][] columns = [.. numeric.PaddedColumns(), .. ColumnNames.Select(_ => new float[FeatureMatrix.PaddedLength(n)])];
        int column = numeric.FeatureCount;
        float weight = (float)Weight;
        for (int f = 0; f < Names.Length; f++)
        {
            CategoricalColumn source = categoricals.FirstOrDefault(c => string.Equals(c.Name, Names[f], StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException(
                    $"The customers lack the categorical feature '{Names[f]}' that the segmentation was fitted on.", nameof(categoricals));
            int[] code = [.. source.Levels.Select(level => Levels[f].IndexOf(level, StringComparer.Ordinal))];
            for (int i = 0; i < n; i++)
            {
                int own = source.CodeAt(i);
                int level = own < 0 ? -1 : code[own];
                if (level >= 0)
                {
                    columns[column + level][i] = weight;
                }
            }

            column += Levels[f].Length;
        }

        return FeatureMatrix.Wrap(columns, n, [.. numeric.FeatureNames, .. ColumnNames]);
    }
}
