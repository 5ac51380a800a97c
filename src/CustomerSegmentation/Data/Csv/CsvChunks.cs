namespace CustomerSegmentation.Data.Csv;

/// <summary>One range of a <see cref="CsvChunks"/>: its bytes and the number of lines before it.</summary>
/// <param name="Start">The offset of its first byte.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="LinesBefore">The line breaks before <paramref name="Start"/>, added to the range's own line numbers.</param>
internal readonly record struct CsvChunk(int Start, int Length, int LinesBefore);

/// <summary>
/// A whole CSV input held in memory and split at line starts into ranges that can be parsed side by side. A split is
/// made only where it is exact: the data holds no quote (so no field can span a line break), starts with no UTF-16
/// byte order mark, and has no lone carriage return (so every range's line numbers are its own plus the line feeds
/// before it). The first range holds the header. Otherwise the whole input is one range.
/// </summary>
internal sealed class CsvChunks
{
    private readonly byte[] _bytes;

    private CsvChunks(byte[] bytes, IReadOnlyList<CsvChunk> ranges)
    {
        _bytes = bytes;
        Ranges = ranges;
    }

    /// <summary>The ranges in file order; one when the input is not split.</summary>
    public IReadOnlyList<CsvChunk> Ranges { get; }

    /// <summary>
    /// The file at <paramref name="path"/> read into memory and split for <paramref name="options"/>, or null when a
    /// parallel read does not apply (one thread asked for or available, whitespace-separated fields, too small or too
    /// large a file, or no file there: the one-thread reader then reports that).
    /// </summary>
    public static CsvChunks? FromFile(string path, CsvReadOptions options)
    {
        int threads = Threads(options);
        if (threads < 2 || !File.Exists(path))
        {
            return null;
        }

        long length = new FileInfo(path).Length;
        return Worthwhile(length, options) ? Split(File.ReadAllBytes(path), threads, options.MinBytesPerThread) : null;
    }

    /// <summary>
    /// The rest of <paramref name="stream"/> read into memory and split for <paramref name="options"/>, or null (the
    /// stream untouched) when a parallel read does not apply, as for a file, or when the stream cannot seek.
    /// </summary>
    public static CsvChunks? FromStream(Stream stream, CsvReadOptions options)
    {
        int threads = Threads(options);
        if (threads < 2 || !stream.CanRead || !stream.CanSeek || !Worthwhile(stream.Length - stream.Position, options))
        {
            return null;
        }

        var bytes = new byte[stream.Length - stream.Position];
        stream.ReadExactly(bytes);
        return Split(bytes, threads, options.MinBytesPerThread);
    }

    /// <summary>Opens range <paramref name="index"/> as strict UTF-8 text (a byte order mark is recognised in the first range only).</summary>
    public TextReader Open(int index)
    {
        CsvChunk range = Ranges[index];
        var stream = new MemoryStream(_bytes, range.Start, range.Length, writable: false);
        return new StrictUtf8Reader(stream, leaveOpen: false, byteOrderMark: index == 0, range.LinesBefore);
    }

    /// <summary>Opens the whole input as strict UTF-8 text, as a one-thread read sees it.</summary>
    public TextReader OpenWhole() => new StrictUtf8Reader(new MemoryStream(_bytes, writable: false), leaveOpen: false);

    private static int Threads(CsvReadOptions options)
        => options.WhitespaceSeparated ? 1 : options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Math.Min(options.MaxDegreeOfParallelism, Environment.ProcessorCount * 4);

    private static bool Worthwhile(long length, CsvReadOptions options) => length >= 2L * options.MinBytesPerThread && length <= Array.MaxLength;

    private static CsvChunks Split(byte[] bytes, int threads, int minBytesPerThread)
    {
        ReadOnlySpan<byte> data = bytes;
        int parts = (int)Math.Min(threads, data.Length / (long)minBytesPerThread);
        if (parts < 2 || !Splittable(data))
        {
            return new CsvChunks(bytes, [new CsvChunk(0, bytes.Length, 0)]);
        }

        // The header (the first line that is not empty) stays in the first range.
        int contentStart = data.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        int headerEnd = contentStart < 0 ? -1 : data[contentStart..].IndexOf((byte)'\n');
        if (headerEnd < 0)
        {
            return new CsvChunks(bytes, [new CsvChunk(0, bytes.Length, 0)]);
        }

        var ranges = new List<CsvChunk>(parts);
        int start = 0;
        int linesBefore = 0;
        int earliest = contentStart + headerEnd + 1;
        for (int k = 1; k < parts; k++)
        {
            int target = Math.Max(earliest, (int)((long)data.Length * k / parts));
            int feed = target >= data.Length ? -1 : data[target..].IndexOf((byte)'\n');
            if (feed < 0)
            {
                break;
            }

            int end = target + feed + 1;
            if (end >= data.Length)
            {
                break;
            }

            ranges.Add(new CsvChunk(start, end - start, linesBefore));
            linesBefore += data[start..end].Count((byte)'\n');
            start = end;
            earliest = end;
        }

        ranges.Add(new CsvChunk(start, data.Length - start, linesBefore));
        return new CsvChunks(bytes, ranges);
    }

    /// <summary>True when line feeds are the only record boundaries and count the lines exactly.</summary>
    private static bool Splittable(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || data.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || data.Contains((byte)'"'))
        {
            return false;
        }

        for (int i = data.IndexOf((byte)'\r'); i >= 0; i = data.IndexOf((byte)'\r'))
        {
            if (i + 1 >= data.Length || data[i + 1] != '\n')
            {
                return false;
            }

            data = data[(i + 2)..];
        }

        return true;
    }
}
