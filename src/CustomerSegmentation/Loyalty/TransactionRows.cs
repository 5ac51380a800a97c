using System.Globalization;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Csv;
using CustomerSegmentation.Data.Database;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The rows under one read of transactions: a CSV file's records (text only) or a database query's rows (typed values,
/// or text for a value stored as text). The reader asks for a cell's text and, where a database holds it, its typed value.
/// </summary>
internal abstract class TransactionRows : IDisposable
{
    /// <summary>Where the data comes from, for messages.</summary>
    public abstract string Description { get; }

    /// <summary>The culture numbers and dates stored as text are parsed with.</summary>
    public abstract CultureInfo Culture { get; }

    /// <summary>The culture's name for messages ("invariant" for the invariant culture).</summary>
    public string CultureName => Culture.Name.Length == 0 ? "invariant" : Culture.Name;

    /// <summary>The column names.</summary>
    public abstract CsvHeader ReadHeader(string expected, TransactionCsvOptions options);

    /// <summary>Moves to the next row; false at the end.</summary>
    public abstract bool Read();

    /// <summary>The 1-based line (CSV) or row (database) of the current row.</summary>
    public abstract int Location();

    /// <summary>"Line" or "Row", the word that goes before <see cref="Location"/> in messages.</summary>
    public abstract string LocationWord { get; }

    /// <summary>A ragged row or a stray quote (CSV only); otherwise null.</summary>
    public abstract SkippedRow? StructuralProblem(int columns);

    /// <summary>The trimmed text of <paramref name="column"/> in the current row, or null when it is empty, NULL or missing.</summary>
    public abstract string? Text(int column);

    /// <summary>
    /// The trimmed text of <paramref name="column"/> in the current row, empty when it is empty, NULL or missing; valid
    /// until the next <see cref="Read"/> or call of this method for the same column.
    /// </summary>
    public virtual ReadOnlySpan<char> Chars(int column) => Text(column).AsSpan();

    /// <summary>The value of <paramref name="column"/> when the source holds it typed (not as text, not NULL); otherwise null.</summary>
    public abstract object? Typed(int column);

    /// <inheritdoc/>
    public abstract void Dispose();

    /// <summary>The records of a CSV file.</summary>
    internal sealed class Csv(CsvSource csv) : TransactionRows
    {
        public override string Description => csv.Description;

        public override CultureInfo Culture => csv.Culture;

        public override string LocationWord => "Line";

        public override CsvHeader ReadHeader(string expected, TransactionCsvOptions options) => options.ColumnNames.IsEmpty
            ? csv.ReadHeader(expected)
            : new CsvHeader([.. options.ColumnNames], 0, csv.Description);

        public override bool Read() => csv.Read();

        public override int Location() => csv.StartLine();

        public override SkippedRow? StructuralProblem(int columns) => csv.StructuralProblem(columns);

        public override string? Text(int column)
        {
            if (column >= csv.FieldCount)
            {
                return null;
            }

            string text = csv[column];
            if (text.Length == 0)
            {
                return null;
            }

            if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
            {
                text = text.Trim();
            }

            return text.Length == 0 ? null : text;
        }

        public override ReadOnlySpan<char> Chars(int column) => column < csv.FieldCount ? csv.Chars(column).Trim() : [];

        public override object? Typed(int column) => null;

        public override void Dispose() => csv.Dispose();
    }

    /// <summary>The rows of a database query.</summary>
    internal sealed class Db(DbRows rows, CultureInfo culture) : TransactionRows
    {
        private readonly object?[] _values = new object?[rows.Columns.Names.Length];
        private readonly int[] _readAt = new int[rows.Columns.Names.Length];

        public override string Description => rows.Description;

        public override CultureInfo Culture => culture;

        public override string LocationWord => "Row";

        public override CsvHeader ReadHeader(string expected, TransactionCsvOptions options) => rows.Columns;

        public override bool Read() => rows.Read();

        public override int Location() => rows.Row;

        public override SkippedRow? StructuralProblem(int columns) => null;

        public override string? Text(int column)
        {
            string text = DbValues.ToText(Value(column));
            return text.Length == 0 ? null : text;
        }

        public override object? Typed(int column) => Value(column) is { } value and not DBNull and not string ? value : null;

        public override void Dispose()
        {
        }

        /// <summary>The value of a column in the current row, read from the provider once per row.</summary>
        private object Value(int column)
        {
            if (_readAt[column] != rows.Row)
            {
                _values[column] = rows.Value(column);
                _readAt[column] = rows.Row;
            }

            return _values[column]!;
        }
    }
}
