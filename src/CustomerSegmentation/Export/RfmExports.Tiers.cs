using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Export;

/// <summary>The exports of spend tiers over windows: the tier-by-window table of a <see cref="SpendTierHistory"/> and <see cref="TierMovements"/>.</summary>
public static partial class RfmExports
{
    /// <summary>How the exports write "no tier" (no purchase in the window) where people read it; CSV cells are empty and JSON is null.</summary>
    private const string NoTier = "No tier";

    private static readonly string[] MovementHeader = ["CustomerId", "FromWindow", "FromSpend", "FromTier", "ToWindow", "ToSpend", "ToTier", "Movement"];

    /// <summary>
    /// Writes the tier-by-window table as CSV, one row per customer: CustomerId, then for each window, oldest first,
    /// "&lt;window&gt; Spend" (net spend) and "&lt;window&gt; Tier" (the tier earned, empty for no tier), e.g. "2024 Spend", "2024 Tier".
    /// </summary>
    /// <param name="history">The spend tier history.</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked before anything is written and every 4,096 customers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; what was written so far stays in <paramref name="writer"/>.</exception>
    public static void WriteTierHistoryCsv(this SpendTierHistory history, TextWriter writer, CsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(writer);
        string[] header = ["CustomerId", .. history.Windows.Windows.SelectMany(w => new[] { $"{w.Label} Spend", $"{w.Label} Tier" })];
        IEnumerable<string[]> rows = history.Customers.Select(c => (string[])
        [
            c.CustomerId, .. c.Windows.SelectMany(w => new[] { ExportText.Number(w.Spend), w.Earned?.Name ?? string.Empty }),
        ]);
        CsvTable.Write(writer, header, rows, c => c % 2 == 1, options, cancellationToken);
    }

    /// <summary>
    /// The tier history as indented JSON: the tiers (name, lowerBound), the windows (label, start, end exclusive, ISO dates)
    /// and per customer its windows (window label, spend, earned and held tier names, null for no tier).
    /// </summary>
    /// <param name="history">The spend tier history.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    public static string ToTierHistoryJson(this SpendTierHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return ExportJson.Serialize(new
        {
            Tiers = history.Tiers.Tiers,
            Windows = history.Windows.Windows.Select(WindowJson),
            Customers = history.Customers.Select(c => new
            {
                c.CustomerId,
                Windows = c.Windows.Select(w => new { Window = w.Window.Label, w.Spend, Earned = w.Earned?.Name, Held = w.Held?.Name }),
            }),
        });
    }

    /// <summary>
    /// Writes one CSV row per customer of the movements: CustomerId, FromWindow, FromSpend, FromTier, ToWindow, ToSpend,
    /// ToTier (tiers empty for no tier) and Movement (the <see cref="TierMovementKind"/> name).
    /// </summary>
    /// <param name="movements">The movements between two windows (or a projection).</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked before anything is written and every 4,096 customers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="movements"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; what was written so far stays in <paramref name="writer"/>.</exception>
    public static void WriteTierMovementsCsv(this TierMovements movements, TextWriter writer, CsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(movements);
        ArgumentNullException.ThrowIfNull(writer);
        string from = movements.From.Label;
        string to = movements.To.Label;
        IEnumerable<string[]> rows = movements.Customers.Select(m => new[]
        {
            m.CustomerId, from, ExportText.Number(m.FromSpend), m.From?.Name ?? string.Empty,
            to, ExportText.Number(m.ToSpend), m.To?.Name ?? string.Empty, m.Kind.ToString(),
        });
        CsvTable.Write(writer, MovementHeader, rows, c => c is 2 or 5, options, cancellationToken);
    }

    /// <summary>
    /// Writes the movement matrix as CSV: a "From" column, then one column per later tier ("No tier" first, then the
    /// tiers lowest first); one row per earlier tier in the same order; each cell the number of customers.
    /// </summary>
    /// <param name="movements">The movements between two windows (or a projection).</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="movements"/> or <paramref name="writer"/> is null.</exception>
    public static void WriteTierMovementMatrixCsv(this TierMovements movements, TextWriter writer, CsvExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(movements);
        ArgumentNullException.ThrowIfNull(writer);
        CsvTable.Write(writer, MatrixHeader(movements), MatrixRows(movements, ExportText.Number), c => c != 0, options);
    }

    /// <summary>
    /// The movements as indented JSON: the two windows (label, start, end exclusive), the counts by kind (with their share
    /// 0..1), the matrix cells (from, to tier names, null for no tier, and customers) and every customer's movement.
    /// </summary>
    /// <param name="movements">The movements between two windows (or a projection).</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="movements"/> is null.</exception>
    public static string ToTierMovementsJson(this TierMovements movements)
    {
        ArgumentNullException.ThrowIfNull(movements);
        return ExportJson.Serialize(new
        {
            From = WindowJson(movements.From),
            To = WindowJson(movements.To),
            movements.ByKind,
            Matrix = movements.Matrix.Select(c => new { From = c.From?.Name, To = c.To?.Name, c.Customers }),
            Customers = movements.Customers.Select(m => new { m.CustomerId, m.FromSpend, From = m.From?.Name, m.ToSpend, To = m.To?.Name, m.Kind }),
        });
    }

    /// <summary>
    /// The movement matrix as a Markdown table with aligned columns: one row per earlier tier and one column per later
    /// tier ("No tier" first), headed "from \ to" with the two windows' labels, each cell a count of customers.
    /// </summary>
    /// <param name="movements">The movements between two windows (or a projection).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="movements"/> is null.</exception>
    public static string ToTierMovementsMarkdown(this TierMovements movements)
    {
        ArgumentNullException.ThrowIfNull(movements);
        string[] header = [$"{movements.From.Label} \\ {movements.To.Label}", .. MatrixHeader(movements).Skip(1)];
        return MarkdownTable.Write(header, MatrixRows(movements, ExportText.Count));
    }

    private static object WindowJson(SpendWindow window) => new { window.Label, window.Start, window.End };

    private static string[] MatrixHeader(TierMovements movements) => ["From", NoTier, .. movements.Tiers.Tiers.Select(t => t.Name)];

    private static IEnumerable<string[]> MatrixRows(TierMovements movements, Func<int, string> count)
    {
        int size = movements.Tiers.Tiers.Length + 1;
        return movements.Matrix.Chunk(size).Select(row => (string[])[row[0].From?.Name ?? NoTier, .. row.Select(c => count(c.Customers))]);
    }
}
