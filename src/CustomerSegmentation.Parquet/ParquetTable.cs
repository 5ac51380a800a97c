using CustomerSegmentation.Data;
using Parquet;
using Parquet.Schema;

namespace CustomerSegmentation.Parquet;

/// <summary>
/// The one Parquet writer of the package: named columns of floats, doubles, ints or text, written row group by row
/// group (each of the columns' values for those rows) to a file that replaces any earlier one only once complete.
/// Customer features are written uncompressed (<see cref="FeatureOptions"/>): a plain float32 column is then read back
/// almost as a memory copy, which is what a streamed fit does on every pass; exports use Parquet.Net's default (Snappy).
/// </summary>
internal sealed class ParquetTable
{
    private readonly List<(DataField Field, Func<int, int, object> Slice)> _columns = [];

    private readonly ParquetOptions? _options;

    public ParquetTable(int rowCount, int rowGroupRows = 1 << 20, ParquetOptions? options = null)
    {
        RowCount = rowCount;
        RowGroupRows = rowGroupRows;
        _options = options;
    }

    /// <summary>The options of files of customer features: no compression (float columns are written plain by Parquet.Net).</summary>
    public static ParquetOptions FeatureOptions => new() { CompressionMethod = CompressionMethod.None };

    public int RowCount { get; }

    public int RowGroupRows { get; }

    public ParquetTable Add(string name, IReadOnlyList<float> values) => Add<float>(name, values);

    public ParquetTable Add(string name, IReadOnlyList<double> values) => Add<double>(name, values);

    public ParquetTable Add(string name, IReadOnlyList<int> values) => Add<int>(name, values);

    /// <summary>Adds every feature of <paramref name="features"/> as a float column named after it.</summary>
    public ParquetTable AddColumns(FeatureMatrix features)
    {
        for (int j = 0; j < features.FeatureCount; j++)
        {
            Add(features.FeatureNames[j], features.Column(j).ToArray());
        }

        return this;
    }

    public ParquetTable Add(string name, IReadOnlyList<string> values)
    {
        _columns.Add((new DataField<string>(name, false), (start, count) => values.Skip(start).Take(count).ToArray()));
        return this;
    }

    /// <summary>Writes each chunk as one row group of float columns named after the features, without holding more than one chunk.</summary>
    public static void SaveChunks(string path, IReadOnlyList<string> featureNames, IEnumerable<FeatureMatrix> chunks, CancellationToken cancellationToken = default)
        => AtomicFile.Write(path, stream => WriteChunks(stream, featureNames, chunks, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult());

    public void Save(string path, CancellationToken cancellationToken = default)
        => AtomicFile.Write(path, stream => Write(stream, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult());

    private ParquetTable Add<T>(string name, IReadOnlyList<T> values)
        where T : struct
    {
        _columns.Add((new DataField<T>(name, false), (start, count) => values.Skip(start).Take(count).ToArray()));
        return this;
    }

    private async Task Write(Stream stream, CancellationToken cancellationToken)
    {
        var schema = new ParquetSchema(_columns.Select(c => (Field)c.Field));
        ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream, _options, false, cancellationToken).ConfigureAwait(false);
        try
        {
            for (int start = 0; start < RowCount || (start == 0 && RowCount == 0); start += RowGroupRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(RowGroupRows, RowCount - start);
                using ParquetRowGroupWriter group = writer.CreateRowGroup();
                foreach ((DataField field, Func<int, int, object> slice) in _columns)
                {
                    await WriteColumn(group, field, slice(start, count), cancellationToken).ConfigureAwait(false);
                }

                if (RowCount == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task WriteChunks(Stream stream, IReadOnlyList<string> featureNames, IEnumerable<FeatureMatrix> chunks, CancellationToken cancellationToken)
    {
        DataField[] fields = [.. featureNames.Select(n => (DataField)new DataField<float>(n, false))];
        ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, FeatureOptions, false, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (FeatureMatrix chunk in chunks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using ParquetRowGroupWriter group = writer.CreateRowGroup();
                for (int j = 0; j < fields.Length; j++)
                {
                    await group.WriteAsync<float>(fields[j], chunk.PaddedColumn(j).AsMemory(0, chunk.RowCount), null, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Task WriteColumn(ParquetRowGroupWriter group, DataField field, object values, CancellationToken cancellationToken)
        => values switch
        {
            float[] f => group.WriteAsync<float>(field, f, null, null, cancellationToken),
            double[] d => group.WriteAsync<double>(field, d, null, null, cancellationToken),
            int[] i => group.WriteAsync<int>(field, i, null, null, cancellationToken),
            string[] s => group.WriteAsync(field, s, null),
            _ => throw new InvalidOperationException($"The column '{field.Name}' holds values of an unsupported type."),
        };
}
