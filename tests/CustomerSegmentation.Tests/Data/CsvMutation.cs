using System.Globalization;
using System.Text;

using FsCheck;
using FsCheck.Fluent;

namespace CustomerSegmentation.Tests.Data;

/// <summary>What a mutation does to a clean CSV grid or to its bytes.</summary>
public enum MutationKind
{
    Truncate,
    InsertQuote,
    InsertDelimiter,
    InsertNul,
    InsertInvalidUtf8,
    HugeNumber,
    NaNText,
    DuplicateColumn,
    ReorderColumns,
}

/// <summary>One random mutation: its kind and where (a fraction of the text, a cell, a column, a rotation).</summary>
public sealed record CsvMutation(MutationKind Kind, double Where, int Row, int Column, string Payload)
{
    /// <summary>True for mutations that may change how the text splits into records.</summary>
    public bool MaySplitDifferently => Kind is MutationKind.InsertQuote or MutationKind.Truncate;

    public static Gen<CsvMutation> Any(int rows, int columns) =>
        from kind in Gen.Elements(Enum.GetValues<MutationKind>())
        from position in Gen.Choose(0, 1000).Select(w => w / 1000d)
        from row in Gen.Choose(0, rows - 1)
        from column in Gen.Choose(0, columns - 1)
        from payload in Gen.Elements("1e400", "9e30", "79228162514264337593543950336", "-1e27", "NaN", "Infinity", "∞")
        select new CsvMutation(kind, position, row, column, payload);

    /// <summary>The CSV bytes of <paramref name="header"/> and <paramref name="rows"/> (comma-separated, UTF-8) after this mutation.</summary>
    public byte[] Apply(string[] header, string[][] rows)
    {
        string[][] grid = [header, .. rows];
        switch (Kind)
        {
            case MutationKind.HugeNumber:
            case MutationKind.NaNText:
                grid[Row + 1] = [.. grid[Row + 1]];
                grid[Row + 1][Column] = Kind == MutationKind.NaNText ? "NaN" : Payload;
                break;
            case MutationKind.DuplicateColumn:
                grid = [.. grid.Select(r => (string[])[.. r, r[Column]])];
                break;
            case MutationKind.ReorderColumns:
                grid = [.. grid.Select(r => (string[])[.. r.Skip(Column + 1), .. r.Take(Column + 1)])];
                break;
        }

        byte[] bytes = Write(grid[0], grid[1..]);
        int headerLength = Encoding.UTF8.GetByteCount(string.Join(',', header)) + 1;
        int at = headerLength + (int)(Where * (bytes.Length - headerLength));
        return Kind switch
        {
            MutationKind.Truncate => bytes[..at],
            MutationKind.InsertQuote => [.. bytes[..at], (byte)'"', .. bytes[at..]],
            MutationKind.InsertDelimiter => [.. bytes[..at], (byte)',', .. bytes[at..]],
            MutationKind.InsertNul => [.. bytes[..at], 0, .. bytes[at..]],
            MutationKind.InsertInvalidUtf8 => [.. bytes[..at], 0xFF, .. bytes[at..]],
            _ => bytes,
        };
    }

    /// <summary>The clean CSV bytes: comma-separated UTF-8, one line per row, no quoting (the generated cells need none).</summary>
    public static byte[] Write(string[] header, string[][] rows)
    {
        var text = new StringBuilder();
        foreach (string[] line in (string[][])[header, .. rows])
        {
            text.AppendJoin(',', line).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The number of non-blank lines after the header line.</summary>
    public static int DataLines(byte[] bytes) => Encoding.UTF8.GetString(bytes).Split('\n').Skip(1).Count(l => l.Length > 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} at {Where:0.###}, cell ({Row}, {Column}), '{Payload}'");
}
