using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace CustomerSegmentation.Data.Csv;

/// <summary>
/// Text from a stream of UTF-8 bytes (a UTF-8 byte order mark is skipped), where an invalid byte is an error naming its
/// line: an <see cref="InvalidTextException"/>, counted from the line feeds before the bad byte. UTF-16 with a byte order
/// mark is read too (strictly, the line then counted from the text delivered so far).
/// </summary>
internal sealed class StrictUtf8Reader : TextReader
{
    private const int BufferLength = 1 << 16;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _bytes = new byte[BufferLength];
    private readonly char[] _chars = new char[BufferLength + 1];
    private Decoder? _utf16;
    private bool _started;
    private bool _ended;
    private int _pending;
    private int _charPosition;
    private int _charLength;
    private long _lineFeedsBefore;

    /// <summary>Reads <paramref name="stream"/> from its current position.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves the stream open.</param>
    /// <param name="byteOrderMark">Whether a byte order mark at the start is recognised (false for a range that starts mid-file).</param>
    /// <param name="linesBefore">The lines of the file before the stream's bytes (a range of a split file), added to line numbers in errors.</param>
    public StrictUtf8Reader(Stream stream, bool leaveOpen, bool byteOrderMark = true, int linesBefore = 0)
    {
        _lineFeedsBefore = linesBefore;
        _stream = stream;
        _leaveOpen = leaveOpen;
        _started = !byteOrderMark;
    }

    public override int Peek() => _charPosition < _charLength || Fill() ? _chars[_charPosition] : -1;

    public override int Read() => _charPosition < _charLength || Fill() ? _chars[_charPosition++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_charPosition == _charLength && !Fill()))
        {
            return 0;
        }

        int n = Math.Min(buffer.Length, _charLength - _charPosition);
        _chars.AsSpan(_charPosition, n).CopyTo(buffer);
        _charPosition += n;
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Decodes the next chunk; false at the end of the stream.</summary>
    private bool Fill()
    {
        _charPosition = 0;
        _charLength = 0;
        while (_charLength == 0)
        {
            if (_ended)
            {
                return false;
            }

            int read = _stream.Read(_bytes, _pending, _bytes.Length - _pending);
            _ended = read == 0;
            int length = _pending + read;
            int start = _started ? 0 : SkipByteOrderMark(length);
            _charLength = _utf16 is null ? DecodeUtf8(start, length) : DecodeUtf16(start, length);
        }

        return true;
    }

    private int SkipByteOrderMark(int length)
    {
        ReadOnlySpan<byte> head = _bytes.AsSpan(0, length);
        if (!_ended && head.Length < 3)
        {
            return 0;
        }

        _started = true;
        if (head.StartsWith("\uFEFF"u8))
        {
            return 3;
        }

        bool little = head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]);
        if (little || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            _utf16 = new UnicodeEncoding(bigEndian: !little, byteOrderMark: false, throwOnInvalidBytes: true).GetDecoder();
            return 2;
        }

        return 0;
    }

    private int DecodeUtf8(int start, int length)
    {
        if (!_started)
        {
            _pending = length;
            return 0;
        }

        ReadOnlySpan<byte> bytes = _bytes.AsSpan(start, length - start);
        OperationStatus status = Utf8.ToUtf16(bytes, _chars, out int used, out int written, replaceInvalidSequences: false, isFinalBlock: _ended);
        if (status == OperationStatus.InvalidData || (status == OperationStatus.NeedMoreData && _ended))
        {
            long line = _lineFeedsBefore + bytes[..used].Count((byte)'\n') + 1;
            throw new InvalidTextException("UTF-8", $"the byte 0x{bytes[used]:X2} on line {line} is not UTF-8", line);
        }

        _lineFeedsBefore += bytes[..used].Count((byte)'\n');
        bytes[used..].CopyTo(_bytes);
        _pending = bytes.Length - used;
        return written;
    }

    private int DecodeUtf16(int start, int length)
    {
        int written;
        try
        {
            written = _utf16!.GetChars(_bytes, start, length - start, _chars, 0, flush: _ended);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidTextException("UTF-16", $"{e.Message.TrimEnd('.')} near line {_lineFeedsBefore + 1}", _lineFeedsBefore + 1);
        }

        _lineFeedsBefore += _chars.AsSpan(0, written).Count('\n');
        _pending = 0;
        return written;
    }
}

/// <summary>
/// Bytes that are not valid text in the stream's encoding, and the 1-based line they are on; the inner exception is the
/// <see cref="DecoderFallbackException"/> a strict decoder would throw.
/// </summary>
internal sealed class InvalidTextException(string encoding, string problem, long lineNumber)
    : IOException(problem, new DecoderFallbackException(problem))
{
    /// <summary>The encoding the text was read as ("UTF-8").</summary>
    public string Encoding { get; } = encoding;

    /// <summary>The 1-based line of the first invalid byte.</summary>
    public long LineNumber { get; } = lineNumber;
}
