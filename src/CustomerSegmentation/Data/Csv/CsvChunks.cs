using System.Buffers;

using Microsoft.Win32.SafeHandles;

namespace CustomerSegmentation.Data.Csv;

/// <summary>One range of a <see cref="CsvChunks"/>: its bytes and the number of lines before it.</summary>
/// <param name="Start">The offset of its first byte.</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="LinesBefore">The line breaks before <paramref name="Start"/>, added to the range's own line numbers.</param>
internal readonly record struct CsvChunk(int Start, int Length, int LinesBefore);

/// <summary>
/// A CSV input split at line starts into ranges that can be parsed side by side: a file, whose ranges are read from
/// the file itself, or the rest of a stream, held in memory. A split is made only where it is exact: the data holds no
/// quote (so no field can span a line break), starts with no UTF-16 byte order mark, and has no lone carriage return
/// (so every range's line numbers are its own plus the line feeds before it). The first range holds the header.
/// Otherwise the whole input is one range.
/// </summary>
internal sealed class CsvChunks
{
    /// <summary>The bytes a file is scanned in to find its ranges.</summary>
    internal const int ScanBlockLength = 1 << 20;

    private readonly byte[]? _bytes;
    private readonly string? _path;
    private readonly long _length;

    private CsvChunks(byte[]? bytes, string? path, long length, IReadOnlyList<CsvChunk> ranges)
    {
        _bytes = bytes;
        _path = path;
        _length = length;
        Ranges = ranges;
    }

    /// <summary>The ranges in file order; one when the input is not split.</summary>
    public IReadOnlyList<CsvChunk> Ranges { get; }

    /// <summary>
    /// The file at <paramref name="path"/> split for <paramref name="options"/> by one pass over its bytes in blocks of
    /// <paramref name="blockLength"/> (only the ranges' positions are kept: each range is read from the file when it is
    /// opened), or null when a parallel read does not apply (one thread asked for or available, whitespace-separated
    /// fields, too small or too large a file, or no file there: the one-thread reader then reports that).
    /// </summary>
    public static CsvChunks? FromFile(string path, CsvReadOptions options, int blockLength = ScanBlockLength)
    {
        int threads = Threads(options);
        if (threads < 2 || !File.Exists(path))
        {
            return null;
        }

        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long length = RandomAccess.GetLength(file);
        if (!Worthwhile(length, options))
        {
            return null;
        }

        var scan = new Scan((int)length, threads, options.MinBytesPerThread);
        byte[] block = ArrayPool<byte>.Shared.Rent(blockLength);
        try
        {
            // The pass stops at the first block that rules a split out (a quote, a lone carriage return).
            for (int offset = 0; offset < length && scan.Splittable;)
            {
                int read = RandomAccess.Read(file, block.AsSpan(0, (int)Math.Min(blockLength, length - offset)), offset);
                if (read == 0)
                {
                    throw Changed(path);
                }

                scan.Add(block.AsSpan(0, read));
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }

        return new CsvChunks(null, Path.GetFullPath(path), length, scan.Ranges());
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
        var scan = new Scan(bytes.Length, threads, options.MinBytesPerThread);
        scan.Add(bytes);
        return new CsvChunks(bytes, null, bytes.Length, scan.Ranges());
    }

    /// <summary>Opens range <paramref name="index"/> as strict UTF-8 text (a byte order mark is recognised in the first range only).</summary>
    /// <exception cref="IOException">The file is no longer the length it had when it was split.</exception>
    public TextReader Open(int index)
    {
        CsvChunk range = Ranges[index];
        return new StrictUtf8Reader(Bytes(range.Start, range.Length), leaveOpen: false, byteOrderMark: index == 0, range.LinesBefore);
    }

    /// <summary>Opens the whole input as strict UTF-8 text, as a one-thread read sees it.</summary>
    /// <exception cref="IOException">The file is no longer the length it had when it was split.</exception>
    public TextReader OpenWhole() => new StrictUtf8Reader(Bytes(0, (int)_length), leaveOpen: false);

    private Stream Bytes(int start, int length)
        => _bytes is not null ? new MemoryStream(_bytes, start, length, writable: false) : new FileRange(_path!, _length, start, length);

    private static IOException Changed(string path)
        => new($"The file '{path}' changed while it was read (its length is no longer the one it had when the read began).");

    private static int Threads(CsvReadOptions options)
        => options.WhitespaceSeparated ? 1 : options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Math.Min(options.MaxDegreeOfParallelism, Environment.ProcessorCount * 4);

    private static bool Worthwhile(long length, CsvReadOptions options) => length >= 2L * options.MinBytesPerThread && length <= Array.MaxLength;

    /// <summary>
    /// The split found in one pass over the input's bytes, block after block: whether it may be split, where the header
    /// ends, and for each of the parts - 1 targets (evenly spaced offsets) the first line start after it.
    /// </summary>
    private sealed class Scan
    {
        private readonly int _length;
        private readonly int _parts;
        private readonly List<CsvChunk> _ranges = [];
        private int _position;
        private int _lineFeeds;
        private bool _splittable;
        private bool _pendingCarriageReturn;
        private bool _inHeader;
        private bool _headerEnded;
        private int _earliest;
        private int _target = 1;
        private int _start;
        private int _linesBefore;

        public Scan(int length, int threads, int minBytesPerThread)
        {
            _length = length;
            _parts = (int)Math.Min(threads, length / (long)minBytesPerThread);
            _splittable = _parts >= 2;
        }

        /// <summary>Whether the bytes so far still allow a split (a quote or a lone carriage return rules it out).</summary>
        public bool Splittable => _splittable;

        /// <summary>Takes the next block of the input.</summary>
        public void Add(ReadOnlySpan<byte> block)
        {
            int blockStart = _position;
            _position += block.Length;
            if (!_splittable)
            {
                return;
            }

            if (blockStart == 0 && (block.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || block.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])))
            {
                _splittable = false;
                return;
            }

            if (block.Contains((byte)'"') || !CarriageReturnsEndLines(block))
            {
                _splittable = false;
                return;
            }

            int at = 0;
            if (!_headerEnded)
            {
                // The header is the first line that is not empty; no range but the first may start before its end.
                if (!_inHeader)
                {
                    int content = block.IndexOfAnyExcept((byte)'\r', (byte)'\n');
                    if (content < 0)
                    {
                        _lineFeeds += block.Count((byte)'\n');
                        return;
                    }

                    _lineFeeds += block[..content].Count((byte)'\n');
                    _inHeader = true;
                    at = content;
                }

                int feed = block[at..].IndexOf((byte)'\n');
                if (feed < 0)
                {
                    return;
                }

                at += feed + 1;
                _lineFeeds++;
                _headerEnded = true;
                _earliest = blockStart + at;
            }

            // Each target's split is the first line start after it (and after the header); one block may hold several.
            while (_target < _parts)
            {
                int target = Math.Max(_earliest, (int)((long)_length * _target / _parts));
                if (target >= _position)
                {
                    break;
                }

                int from = Math.Max(target - blockStart, at);
                int feed = block[from..].IndexOf((byte)'\n');
                if (feed < 0)
                {
                    break;
                }

                int end = blockStart + from + feed + 1;
                _lineFeeds += block[at..(from + feed + 1)].Count((byte)'\n');
                at = from + feed + 1;
                if (end >= _length)
                {
                    _target = _parts;
                    break;
                }

                _ranges.Add(new CsvChunk(_start, end - _start, _linesBefore));
                _linesBefore = _lineFeeds;
                _start = end;
                _earliest = end;
                _target++;
            }

            _lineFeeds += block[at..].Count((byte)'\n');
        }

        /// <summary>The ranges once every byte was added: one range for the whole input when it cannot be split.</summary>
        public IReadOnlyList<CsvChunk> Ranges()
        {
            if (!_splittable || _pendingCarriageReturn || !_headerEnded)
            {
                return [new CsvChunk(0, _length, 0)];
            }

            _ranges.Add(new CsvChunk(_start, _length - _start, _linesBefore));
            return _ranges;
        }

        /// <summary>True when every carriage return of the input so far is followed by a line feed (one at a block's end by the next block's first byte).</summary>
        private bool CarriageReturnsEndLines(ReadOnlySpan<byte> block)
        {
            if (_pendingCarriageReturn)
            {
                if (block.IsEmpty)
                {
                    return true;
                }

                if (block[0] != '\n')
                {
                    return false;
                }

                _pendingCarriageReturn = false;
            }

            for (int i = block.IndexOf((byte)'\r'); i >= 0; i = block.IndexOf((byte)'\r'))
            {
                if (i + 1 == block.Length)
                {
                    _pendingCarriageReturn = true;
                    return true;
                }

                if (block[i + 1] != '\n')
                {
                    return false;
                }

                block = block[(i + 2)..];
            }

            return true;
        }
    }

    /// <summary>
    /// One range of a file's bytes, read with positioned reads through a handle of its own (so ranges are read side by
    /// side without sharing a position), checked to still have the file's length when it is opened.
    /// </summary>
    private sealed class FileRange : Stream
    {
        private readonly SafeFileHandle _file;
        private readonly string _path;
        private long _position;
        private readonly long _end;

        public FileRange(string path, long expectedLength, int start, int length)
        {
            _path = path;
            _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            if (RandomAccess.GetLength(_file) != expectedLength)
            {
                _file.Dispose();
                throw Changed(path);
            }

            _position = start;
            _end = (long)start + length;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int wanted = (int)Math.Min(buffer.Length, _end - _position);
            if (wanted == 0)
            {
                return 0;
            }

            int read = RandomAccess.Read(_file, buffer[..wanted], _position);
            if (read == 0)
            {
                throw Changed(_path);
            }

            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
