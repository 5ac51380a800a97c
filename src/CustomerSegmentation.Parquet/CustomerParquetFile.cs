using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using CustomerSegmentation.Data;
using Parquet;

namespace CustomerSegmentation.Parquet;

/// <summary>
/// The customer columns of one Parquet file, read one row group at a time: the features as padded float32 columns
/// with the bad rows (a null, NaN or infinite feature, a null id) rejected under the bad-row policy, then the ids and
/// attributes of the rows kept. The one reading core under <see cref="CustomerParquet.Read"/> and the chunk source.
/// </summary>
internal sealed class CustomerParquetFile
{
    private readonly string _path;
    private readonly CustomerParquetOptions _options;

    public CustomerParquetFile(string path, CustomerParquetOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FeatureColumns.Length == 0)
        {
            throw new ArgumentException("Name at least one feature column (CustomerParquetOptions.FeatureColumns).", nameof(options));
        }

        _path = path;
        _options = options;
        FeatureNames = [.. options.FeatureColumns];
    }

    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>One pass over the row groups.</summary>
    /// <param name="withText">Whether to read the ids and attributes too.</param>
    /// <param name="rejected">Receives each skipped row (under <see cref="BadRowPolicy.Skip"/>), in file order.</param>
    /// <param name="cancellationToken">Checked between row groups.</param>
    /// <param name="readAhead">
    /// Whether to read the next row group on the thread pool while the caller works on the current one (one group
    /// ahead, order kept; <paramref name="rejected"/> is then called from that thread, before the group is returned).
    /// </param>
    public IEnumerable<CustomerRowGroup> RowGroups(bool withText, Action<SkippedRow> rejected, CancellationToken cancellationToken, bool readAhead = false)
    {
        string file = Path.GetFileName(_path);
        using FileStream stream = File.OpenRead(_path);
        ParquetReader reader = Sync(ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken));
        Task<CustomerRowGroup>? next = null;
        try
        {
            var columns = new Columns(
                [.. _options.FeatureColumns.Select(c => ParquetColumn.Find(reader.Schema, c, "feature", ParquetKind.Number, file))],
                _options.IdColumn is null ? null : ParquetColumn.Find(reader.Schema, _options.IdColumn, "id", ParquetKind.Text | ParquetKind.Number, file),
                [.. _options.AttributeColumns.Select(c => ParquetColumn.Find(reader.Schema, c, "attribute", ParquetKind.Text | ParquetKind.Number, file))]);
            long firstRow = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CustomerRowGroup group;
                if (!readAhead)
                {
                    group = ReadGroup(reader, g, firstRow, columns, file, withText, rejected, cancellationToken);
                }
                else
                {
                    long first = firstRow;
                    int index = g;
                    next ??= Task.Run(() => ReadGroup(reader, index, first, columns, file, withText, rejected, cancellationToken), cancellationToken);
                    group = next.GetAwaiter().GetResult();
                    next = null;
                    if (g + 1 < reader.RowGroupCount)
                    {
                        long following = first + group.RowsRead;
                        next = Task.Run(() => ReadGroup(reader, index + 1, following, columns, file, withText, rejected, cancellationToken), cancellationToken);
                    }
                }

                firstRow += group.RowsRead;
                yield return group;
            }
        }
        finally
        {
            // A group still being read when the caller stops must finish before the reader goes.
            try
            {
                next?.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is OperationCanceledException or DataFormatException or IOException)
            {
            }

            Sync(reader.DisposeAsync().AsTask());
        }
    }

    private CustomerRowGroup ReadGroup(ParquetReader reader, int g, long firstRow, Columns found, string file, bool withText, Action<SkippedRow> rejected, CancellationToken cancellationToken)
    {
        ParquetColumn[] features = found.Features;
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
        int rows = checked((int)group.RowCount);
        float[][] columns = FeatureMatrix.AllocateColumnsToFill(features.Length, rows);
        bool[]? isNull = null;
        bool[]? bad = null;
        int badCount = 0;
        for (int j = 0; j < features.Length; j++)
        {
            // A column declared required has no nulls to mark; a nullable one gets its marks from the reader.
            bool nullable = features[j].Field.IsNullable;
            if (nullable)
            {
                if (isNull is null)
                {
                    isNull = new bool[rows];
                }
                else
                {
                    Array.Clear(isNull);
                }
            }

            Sync(features[j].ReadFloatsAsync(group, columns[j].AsMemory(0, rows), nullable ? isNull! : [], cancellationToken));
            float[] column = columns[j];
            int from = nullable ? 0 : FirstNonFinite(column.AsSpan(0, rows));
            for (int i = from; i < rows; i++)
            {
                bool missing = nullable && isNull![i];
                if (missing || !float.IsFinite(column[i]))
                {
                    bad ??= new bool[rows];
                    if (bad[i])
                    {
                        continue;
                    }

                    bad[i] = true;
                    badCount++;
                    SkipReason reason = missing ? SkipReason.EmptyValue : SkipReason.NotFinite;
                    string text = missing ? "null" : column[i].ToString(CultureInfo.InvariantCulture);
                    rejected(Reject(file, firstRow + i + 1, features[j].Name, text, reason,
                        missing ? "is null; a feature needs a number" : "is not a finite float32 number (NaN, infinite or beyond ±3.4e38)"));
                }
            }
        }

        if (!withText)
        {
            return badCount == 0
                ? new CustomerRowGroup(columns, rows, rows, [], null, [])
                : Keep(columns, rows, bad!, badCount, firstRow, null, [], withRowNumbers: false);
        }

        bad ??= new bool[rows];
        string?[]? ids = null;
        if (found.Id is { } id)
        {
            ids = Sync(id.ReadTextAsync(group, rows, cancellationToken));
            for (int i = 0; i < rows; i++)
            {
                if (!bad[i] && string.IsNullOrWhiteSpace(ids[i]))
                {
                    bad[i] = true;
                    badCount++;
                    rejected(Reject(file, firstRow + i + 1, id.Name, ids[i] ?? "null", SkipReason.EmptyValue, "is empty; every customer needs an id"));
                }
            }
        }

        string?[][] attributeValues = [.. found.Attributes.Select(a => Sync(a.ReadTextAsync(group, rows, cancellationToken)))];
        return Keep(columns, rows, bad, badCount, firstRow, ids, attributeValues, withRowNumbers: true);
    }

    private static CustomerRowGroup Keep(float[][] columns, int rows, bool[] bad, int badCount, long firstRow, string?[]? ids, string?[][] attributes, bool withRowNumbers)
    {
        int[] kept = [.. Enumerable.Range(0, rows).Where(i => !bad[i])];
        if (badCount > 0)
        {
            float[][] compact = FeatureMatrix.AllocateColumns(columns.Length, kept.Length);
            for (int j = 0; j < columns.Length; j++)
            {
                for (int i = 0; i < kept.Length; i++)
                {
                    compact[j][i] = columns[j][kept[i]];
                }
            }

            columns = compact;
        }

        return new CustomerRowGroup(
            columns,
            kept.Length,
            rows,
            withRowNumbers ? [.. kept.Select(i => firstRow + i + 1)] : [],
            ids is null ? null : [.. kept.Select(i => ids[i]!)],
            [.. attributes.Select(a => kept.Select(i => a[i] ?? string.Empty).ToArray())]);
    }

    private SkippedRow Reject(string file, long row, string column, string text, SkipReason reason, string problem)
    {
        int line = (int)Math.Min(row, int.MaxValue);
        var skipped = new SkippedRow(line, column, text, reason, $"Row {row} of {file}, column '{column}': the value {text} {problem}.");
        if (_options.BadRows == BadRowPolicy.FailFast)
        {
            throw new DataFormatException(
                $"{skipped.Message} To skip bad rows and get a report of them instead, set CustomerParquetOptions.BadRows to BadRowPolicy.Skip.",
                line, column, text)
            {
                Reason = reason,
            };
        }

        return skipped;
    }

    /// <summary>The index of the first NaN or infinite value (all exponent bits set), or the length when every value is finite; vectorised.</summary>
    internal static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        ReadOnlySpan<int> bits = MemoryMarshal.Cast<float, int>(values);
        var exponent = new Vector<int>(0x7F800000);
        int i = 0;
        for (; i <= bits.Length - Vector<int>.Count; i += Vector<int>.Count)
        {
            if (Vector.EqualsAny(new Vector<int>(bits[i..]) & exponent, exponent))
            {
                break;
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & 0x7F800000) == 0x7F800000)
            {
                return i;
            }
        }

        return bits.Length;
    }

    private static T Sync<T>(Task<T> task) => task.ConfigureAwait(false).GetAwaiter().GetResult();

    private static void Sync(Task task) => task.ConfigureAwait(false).GetAwaiter().GetResult();
}

/// <summary>
/// The kept rows of one row group: padded feature columns, the rows the group held, the kept rows' 1-based numbers
/// in the file (only when ids and attributes are read), ids and attribute values.
/// </summary>
internal sealed record CustomerRowGroup(float[][] Columns, int RowCount, int RowsRead, long[] RowNumbers, string[]? Ids, string[][] Attributes);

/// <summary>The columns of the file a pass reads, found and type-checked once.</summary>
internal sealed record Columns(ParquetColumn[] Features, ParquetColumn? Id, ParquetColumn[] Attributes);
