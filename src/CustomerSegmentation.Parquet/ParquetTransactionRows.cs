using System.Globalization;
using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Csv;
using CustomerSegmentation.Data.Database;
using CustomerSegmentation.Loyalty;
using Parquet;
using Parquet.Schema;

namespace CustomerSegmentation.Parquet;

/// <summary>
/// The rows of a Parquet file as the transaction reader sees a database query's: typed values (text as text), a null
/// as an empty cell, rows numbered from 1. A column is read from a row group only when the reader first asks for it.
/// </summary>
internal sealed class ParquetTransactionRows : TransactionRows
{
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly object?[]?[] _columns;
    private readonly CultureInfo _culture;
    private readonly CancellationToken _cancellationToken;
    private ParquetRowGroupReader? _group;
    private int _groupIndex = -1;
    private int _groupRows;
    private int _inGroup;

    private ParquetTransactionRows(FileStream stream, ParquetReader reader, string description, CultureInfo culture, CancellationToken cancellationToken)
    {
        _stream = stream;
        _reader = reader;
        _culture = culture;
        _cancellationToken = cancellationToken;
        Description = description;
        _fields = reader.Schema.GetDataFields();
        _columns = new object?[]?[_fields.Length];
    }

    public override string Description { get; }

    public override CultureInfo Culture => _culture;

    public override string LocationWord => "Row";

    public int Row { get; private set; }

    public static ParquetTransactionRows Open(string path, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The transaction file '{Path.GetFullPath(path)}' does not exist.", path);
        }

        FileStream stream = File.OpenRead(path);
        try
        {
            ParquetReader reader = Sync(ParquetReader.CreateAsync(stream, new ParquetOptions { UseDateOnlyTypeForDates = true }, leaveStreamOpen: true, cancellationToken));
            return new ParquetTransactionRows(stream, reader, $"the file '{Path.GetFileName(path)}'", culture, cancellationToken);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override CsvHeader ReadHeader(string expected, TransactionCsvOptions options)
    {
        DataField? nested = _fields.FirstOrDefault(f => f.IsArray || f.Path.ToList().Count > 1);
        if (nested is not null)
        {
            throw new DataFormatException($"The column '{nested.Name}' of {Description} is nested or repeated; a transaction file needs one plain value per column and row.", null, nested.Name, null);
        }

        return CsvHeader.OfQuery([.. _fields.Select(f => f.Name)], Description);
    }

    public override bool Read()
    {
        while (_inGroup + 1 >= _groupRows)
        {
            if (_groupIndex + 1 >= _reader.RowGroupCount)
            {
                return false;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            _group?.Dispose();
            _group = _reader.OpenRowGroupReader(++_groupIndex);
            _groupRows = checked((int)_group.RowCount);
            _inGroup = -1;
            Array.Clear(_columns);
        }

        _inGroup++;
        Row++;
        if ((Row & (CsvSource.RecordsPerCancellationCheck - 1)) == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        return true;
    }

    public override int Location() => Row;

    public override SkippedRow? StructuralProblem(int columns) => null;

    public override string? Text(int column)
    {
        string text = DbValues.ToText(Value(column));
        return text.Length == 0 ? null : text;
    }

    public override object? Typed(int column) => Value(column) is { } value and not string ? value : null;

    public override void Dispose()
    {
        _group?.Dispose();
        Sync(_reader.DisposeAsync().AsTask());
        _stream.Dispose();
    }

    private object? Value(int column)
    {
        object?[] values = _columns[column] ??= Sync(ReadColumn(_fields[column]));
        return values[_inGroup];
    }

    private async Task<object?[]> ReadColumn(DataField field)
    {
        Type type = field.ClrType;
        ParquetRowGroupReader group = _group!;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var text = new string?[_groupRows];
            await group.ReadAsync(field, text.AsMemory()!, null, _cancellationToken).ConfigureAwait(false);
            return text;
        }

        return type switch
        {
            _ when type == typeof(DateTime) => await Boxed<DateTime>(group, field).ConfigureAwait(false),
            _ when type == typeof(DateTimeOffset) => await Boxed<DateTimeOffset>(group, field).ConfigureAwait(false),
            _ when type == typeof(DateOnly) => await Boxed<DateOnly>(group, field).ConfigureAwait(false),
            _ when type == typeof(decimal) => await Boxed<decimal>(group, field).ConfigureAwait(false),
            _ when type == typeof(double) => await Boxed<double>(group, field).ConfigureAwait(false),
            _ when type == typeof(float) => await Boxed<float>(group, field).ConfigureAwait(false),
            _ when type == typeof(long) => await Boxed<long>(group, field).ConfigureAwait(false),
            _ when type == typeof(int) => await Boxed<int>(group, field).ConfigureAwait(false),
            _ when type == typeof(short) => await Boxed<short>(group, field).ConfigureAwait(false),
            _ when type == typeof(sbyte) => await Boxed<sbyte>(group, field).ConfigureAwait(false),
            _ when type == typeof(byte) => await Boxed<byte>(group, field).ConfigureAwait(false),
            _ when type == typeof(ushort) => await Boxed<ushort>(group, field).ConfigureAwait(false),
            _ when type == typeof(uint) => await Boxed<uint>(group, field).ConfigureAwait(false),
            _ when type == typeof(ulong) => await Boxed<ulong>(group, field).ConfigureAwait(false),
            _ when type == typeof(bool) => await Boxed<bool>(group, field).ConfigureAwait(false),
            _ when type == typeof(TimeSpan) => await Boxed<TimeSpan>(group, field).ConfigureAwait(false),
            _ => throw new DataFormatException(
                $"The column '{field.Name}' of {Description} holds {type.Name} values, which no transaction column can hold; select text, a number, a date or a timestamp.",
                null, field.Name, type.Name),
        };
    }

    private async Task<object?[]> Boxed<T>(ParquetRowGroupReader group, DataField field)
        where T : struct
    {
        var boxed = new object?[_groupRows];
        if (field.IsNullable)
        {
            var values = new T?[_groupRows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, _cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < values.Length; i++)
            {
                boxed[i] = values[i] is T v ? v : null;
            }
        }
        else
        {
            var values = new T[_groupRows];
            await group.ReadAsync<T>(field, values.AsMemory(), null, _cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < values.Length; i++)
            {
                boxed[i] = values[i];
            }
        }

        return boxed;
    }

    private static T Sync<T>(Task<T> task) => task.ConfigureAwait(false).GetAwaiter().GetResult();

    private static void Sync(Task task) => task.ConfigureAwait(false).GetAwaiter().GetResult();
}
