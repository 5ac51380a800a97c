using Parquet;
using Parquet.Schema;

namespace CustomerSegmentation.Parquet.Tests;

/// <summary>A temporary folder for the Parquet files of one test, and a way to write files of any schema with Parquet.Net.</summary>
public sealed class ParquetFiles : IDisposable
{
    public ParquetFiles() => Directory = System.IO.Directory.CreateTempSubdirectory("cs-parquet-").FullName;

    public string Directory { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Writes one row group of the given columns (a null in an array makes the column nullable).</summary>
    public string Write(string name, params (string Column, Array Values)[] columns)
        => Write(name, int.MaxValue, [.. columns.Select(c => (new DataField(c.Column, c.Values.GetType().GetElementType()!), c.Values))]);

    /// <summary>Writes the columns with the given fields (timestamps, decimals), in row groups of <paramref name="rowGroupRows"/> rows.</summary>
    public string Write(string name, int rowGroupRows, params (DataField Field, Array Values)[] columns)
    {
        string path = PathOf(name);
        DataField[] fields = [.. columns.Select(c => c.Field)];
        int rows = columns[0].Values.Length;
        Task.Run(async () =>
        {
            await using FileStream stream = File.Create(path);
            await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
            for (int start = 0; start < rows; start += rowGroupRows)
            {
                int count = Math.Min(rowGroupRows, rows - start);
                using ParquetRowGroupWriter group = writer.CreateRowGroup();
                for (int c = 0; c < columns.Length; c++)
                {
                    Array slice = Array.CreateInstance(columns[c].Values.GetType().GetElementType()!, count);
                    Array.Copy(columns[c].Values, start, slice, 0, count);
                    await WriteColumn(group, fields[c], slice);
                }
            }
        }).GetAwaiter().GetResult();
        return path;
    }

    private static Task WriteColumn(ParquetRowGroupWriter group, DataField field, Array values)
        => values switch
        {
            double[] d => group.WriteAsync<double>(field, d),
            double?[] d => group.WriteAsync<double>(field, d),
            int[] i => group.WriteAsync<int>(field, i),
            long[] l => group.WriteAsync<long>(field, l),
            float[] f => group.WriteAsync<float>(field, f),
            string[] s => group.WriteAsync(field, s),
            DateTime[] t => group.WriteAsync<DateTime>(field, t),
            DateOnly[] t => group.WriteAsync<DateOnly>(field, t),
            decimal[] m => group.WriteAsync<decimal>(field, m),
            decimal?[] m => group.WriteAsync<decimal>(field, m),
            _ => throw new NotSupportedException(values.GetType().Name),
        };

    public static Task<T[]> ReadColumn<T>(string path, string column)
        where T : struct
        => ReadGroups(path, column, async (group, field) =>
        {
            var values = new T[group.RowCount];
            await group.ReadAsync<T>(field, values);
            return values;
        });

    public static Task<string[]> ReadText(string path, string column)
        => ReadGroups(path, column, async (group, field) =>
        {
            var values = new string[group.RowCount];
            await group.ReadAsync(field, values.AsMemory()!);
            return values;
        });

    private static async Task<T[]> ReadGroups<T>(string path, string column, Func<ParquetRowGroupReader, DataField, Task<T[]>> read)
    {
        await using FileStream stream = File.OpenRead(path);
        await using ParquetReader reader = await ParquetReader.CreateAsync(stream);
        DataField field = reader.Schema.GetDataFields().Single(f => f.Name == column);
        var result = new List<T>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using ParquetRowGroupReader group = reader.OpenRowGroupReader(g);
            result.AddRange(await read(group, field));
        }

        return [.. result];
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
