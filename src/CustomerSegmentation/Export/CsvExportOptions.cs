namespace CustomerSegmentation.Export;

/// <summary>
/// How the CSV exports (<see cref="SegmentationExports"/>, <see cref="RfmExports"/>) write text cells.
/// </summary>
public sealed record CsvExportOptions
{
    /// <summary>The options with every default: formulas neutralised.</summary>
    public static CsvExportOptions Default { get; } = new();

    /// <summary>
    /// Whether a text cell (an id, a category value, a label, a header) that begins with <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, a tab or a carriage return is written with a leading single quote and quoted, so that a spreadsheet
    /// opening the file shows it as text instead of running it as a formula (OWASP's advice on CSV injection). Numbers
    /// the library writes are never changed (<c>-3.5</c> stays <c>-3.5</c>). Set false for files read only by programs,
    /// which then get every text exactly as it is.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool NeutraliseFormulas { get; init; } = true;
}
