using System.Globalization;
using CustomerSegmentation.Data;
using Parquet;
using Parquet.Schema;

namespace CustomerSegmentation.Parquet;

/// <summary>
/// One column of a Parquet file as the readers need it: found by name (exact, then ignoring case), its type checked
/// against what the reader expects, and read from a row group into float32 values (numbers) or text, with the rows
/// that hold a null marked.
/// </summary>
internal sealed class ParquetColumn
{
    private static readonly Type[] Numeric = [typeof(float), typeof(double), typeof(int), typeof(long), typeof(short), typeof(sbyte), typeof(byte), typeof(ushort), typeof(uint), typeof(ulong), typeof(decimal)];

    private ParquetColumn(DataField field, string role)
    {
        Field = field;
        Role = role;
    }

    public DataField Field { get; }

    /// <summary>What the reader uses it for ("feature", "id", "attribute", ...), for messages.</summary>
    public string Role { get; }

    public string Name => Field.Name;

    /// <summary>The column <paramref name="name"/> of <paramref name="schema"/> for <paramref name="role"/>, checked to hold one of <paramref name="kinds"/>.</summary>
    /// <exception cref="DataFormatException">No such column (the message lists the columns), a nested or repeated column, or a column of another type (naming its type and what was expected).</exception>
    public static ParquetColumn Find(ParquetSchema schema, string name, string role, ParquetKind kinds, string file)
    {
        DataField[] fields = schema.GetDataFields();
        DataField? field = fields.FirstOrDefault(f => f.Name == name)
            ?? fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
        if (field is null)
        {
            throw new DataFormatException(
                $"The {role} column '{name}' is not in {file}. Its columns are: {string.Join(", ", fields.Select(f => $"'{f.Name}'"))}.",
                null, name, null);
        }

        if (field.IsArray || field.Path.ToList().Count > 1)
        {
            throw new DataFormatException($"The {role} column '{field.Name}' of {file} is nested or repeated; {Article(role)} needs one plain value per row.", null, field.Name, null);
        }

        Type type = field.ClrType;
        bool ok = (kinds.HasFlag(ParquetKind.Number) && Numeric.Contains(type))
            || (kinds.HasFlag(ParquetKind.Text) && IsText(type))
            || (kinds.HasFlag(ParquetKind.Date) && (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)));
        if (!ok)
        {
            throw new DataFormatException(
                $"The {role} column '{field.Name}' of {file} holds {TypeName(type)} but {Article(role)} needs {Expected(kinds)}.",
                null, field.Name, TypeName(type));
        }

        return new ParquetColumn(field, role);
    }

    /// <summary>Reads the column of a row group as float32 (numbers widened or narrowed as <c>(float)value</c>); <paramref name="isNull"/> marks nulls.</summary>
    public async Task ReadFloatsAsync(ParquetRowGroupReader group, Memory<float> target, bool[] isNull, CancellationToken cancellationToken)
    {
        int rows = target.Length;
        Type type = Field.ClrType;
        if (type == typeof(float) && !Field.IsNullable)
        {
            await group.ReadAsync(Field, target, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (type == typeof(double) && !Field.IsNullable)
        {
            double[] values = new double[rows];
            await group.ReadAsync<double>(Field, values, null, cancellationToken).ConfigureAwait(false);
            Span<float> span = target.Span;
            for (int i = 0; i < rows; i++)
            {
                span[i] = (float)values[i];
            }

            return;
        }

        double?[] widened = await ReadNullableAsDoublesAsync(group, rows, cancellationToken).ConfigureAwait(false);
        Span<float> output = target.Span;
        for (int i = 0; i < rows; i++)
        {
            if (widened[i] is double v)
            {
                output[i] = (float)v;
            }
            else
            {
                isNull[i] = true;
            }
        }
    }

    /// <summary>Reads the column of a row group as text (numbers in the invariant culture); nulls are null.</summary>
    public async Task<string?[]> ReadTextAsync(ParquetRowGroupReader group, int rows, CancellationToken cancellationToken)
    {
        if (IsText(Field.ClrType))
        {
            var text = new string?[rows];
            await group.ReadAsync(Field, text.AsMemory()!, null, cancellationToken).ConfigureAwait(false);
            return text;
        }

        double?[] values = await ReadNullableAsDoublesAsync(group, rows, cancellationToken).ConfigureAwait(false);
        return [.. values.Select(v => v?.ToString("R", CultureInfo.InvariantCulture))];
    }

    private async Task<double?[]> ReadNullableAsDoublesAsync(ParquetRowGroupReader group, int rows, CancellationToken cancellationToken)
    {
        Type type = Field.ClrType;
        if (type == typeof(float))
        {
            return Widen(await ReadAsync<float>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        if (type == typeof(double))
        {
            return await ReadAsync<double>(group, rows, cancellationToken).ConfigureAwait(false);
        }

        if (type == typeof(int))
        {
            return Widen(await ReadAsync<int>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        if (type == typeof(long))
        {
            return Widen(await ReadAsync<long>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        if (type == typeof(short))
        {
            return Widen(await ReadAsync<short>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        if (type == typeof(decimal))
        {
            return Widen(await ReadAsync<decimal>(group, rows, cancellationToken).ConfigureAwait(false), v => (double)v);
        }

        if (type == typeof(byte))
        {
            return Widen(await ReadAsync<byte>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        if (type == typeof(sbyte))
        {
            return Widen(await ReadAsync<sbyte>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        if (type == typeof(ushort))
        {
            return Widen(await ReadAsync<ushort>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        if (type == typeof(uint))
        {
            return Widen(await ReadAsync<uint>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
        }

        return Widen(await ReadAsync<ulong>(group, rows, cancellationToken).ConfigureAwait(false), v => v);
    }

    private async Task<T?[]> ReadAsync<T>(ParquetRowGroupReader group, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[rows];
        if (Field.IsNullable)
        {
            await group.ReadAsync<T>(Field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var plain = new T[rows];
            await group.ReadAsync<T>(Field, plain.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < rows; i++)
            {
                values[i] = plain[i];
            }
        }

        return values;
    }

    private static double?[] Widen<T>(T?[] values, Func<T, double> widen)
        where T : struct
        => [.. values.Select(v => v is T value ? widen(value) : (double?)null)];

    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static string TypeName(Type type) => IsText(type) ? "text (string)" : type.Name;

    /// <summary>"a feature", "an id", "an attribute".</summary>
    private static string Article(string role) => "aeiou".Contains(role[0], StringComparison.Ordinal) ? "an " + role : "a " + role;

    private static string Expected(ParquetKind kinds) => string.Join(" or ", new[]
    {
        kinds.HasFlag(ParquetKind.Number) ? "a number (float, double, decimal or an integer type)" : null,
        kinds.HasFlag(ParquetKind.Text) ? "text (string)" : null,
        kinds.HasFlag(ParquetKind.Date) ? "a date or timestamp" : null,
    }.Where(s => s is not null));
}

/// <summary>The kinds of value a reader accepts in a column.</summary>
[Flags]
internal enum ParquetKind
{
    Number = 1,
    Text = 2,
    Date = 4,
}
