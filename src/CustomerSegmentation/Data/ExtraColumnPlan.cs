using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Data;

/// <summary>
/// The text columns a customer reader keeps beside the features: the extra (attribute) columns and the categorical
/// ones, each once (names compared ignoring case, extra columns first), where each sits among the source's columns,
/// and which are categorical (an empty value there makes the row bad): the one plan under the CSV and database readers.
/// </summary>
internal sealed class ExtraColumnPlan
{
    /// <param name="options">The reader's options (extra and categorical column names).</param>
    /// <param name="columns">The source's columns.</param>
    /// <exception cref="DataFormatException">A column is not among the source's (the message suggests the nearest names).</exception>
    public ExtraColumnPlan(CustomerCsvOptions options, CsvHeader columns)
    {
        Names = [.. options.ExtraColumns.Union(options.CategoricalColumns, StringComparer.OrdinalIgnoreCase)];
        IsCategorical = [.. Names.Select(c => options.CategoricalColumns.Contains(c, StringComparer.OrdinalIgnoreCase))];
        Indexes = [.. Names.Select((c, k) => columns.IndexOf(c, IsCategorical[k] ? "categorical" : "extra"))];
    }

    /// <summary>The columns' names as requested.</summary>
    public string[] Names { get; }

    /// <summary>Where each column sits among the source's columns.</summary>
    public int[] Indexes { get; }

    /// <summary>Whether each column is categorical.</summary>
    public bool[] IsCategorical { get; }

    public int Count => Names.Length;
}
