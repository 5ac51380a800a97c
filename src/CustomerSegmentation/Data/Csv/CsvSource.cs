using System.Globalization;
using System.Text;

using CsvHelper;

namespace CustomerSegmentation.Data.Csv;

/// <summary>
/// The one CSV parser under every reader: strict UTF-8 text (byte order marks recognised), CsvHelper's SIMD reader set up with
/// delimiter detection among ",", ";", tab and "|", blank lines ignored, stray quotes recorded instead of thrown, and every
/// parse or encoding error turned into a <see cref="DataFormatException"/> naming the line.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    /// <summary>The longest text quoted in a message before it is shortened with "…".</summary>
    public const int MaxQuotedLength = 120;

    /// <summary>How many records are read between two looks at the cancellation token.</summary>
    public const int RecordsPerCancellationCheck = 4096;

    private readonly CsvReader _reader;
    private readonly CancellationToken _cancellationToken;
    private readonly int _linesBefore;
    private long _records;
    private bool _malformed;
    private string? _badField;
    private char[]?[] _buffers = [];

    private CsvSource(TextReader text, CsvReadOptions options, string description, CancellationToken cancellationToken, int linesBefore)
    {
        Description = description;
        _linesBefore = linesBefore;
        _cancellationToken = cancellationToken;
        Culture = options.Culture;
        if (options.WhitespaceSeparated)
        {
            text = new WhitespaceFieldsReader(text);
        }

        var readerOptions = new CsvReaderOptions
        {
            Separator = options.WhitespaceSeparated ? '\t' : options.Delimiter is { } given ? given[0] : null,
            HasHeader = false,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = _ => _malformed = true,
            FormatProvider = options.Culture,
        };
        _reader = CsvReader.Create(text, readerOptions, leaveOpen: true);
    }

    /// <summary>Where the data comes from, for messages ("the file 'customers.csv'", "the stream", "the text").</summary>
    public string Description { get; }

    /// <summary>The culture numbers and dates are parsed with.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount => _reader.FieldCount;

    /// <summary>The delimiter in use (given or detected).</summary>
    public string Delimiter => _reader.Separator.ToString();

    /// <summary>
    /// The first field of the current record that holds a quote without being quoted (or text after its closing quote),
    /// as written; null when the record has none.
    /// </summary>
    public string? BadField
    {
        get
        {
            if (_malformed && _badField is null)
            {
                _badField = FindBadField();
            }

            return _badField;
        }
    }

    /// <summary>The text of field <paramref name="index"/> of the current record, unquoted.</summary>
    public string this[int index] => _reader.GetString(index);

    /// <summary>
    /// The text of field <paramref name="index"/> of the current record, unquoted, without making a string: decoded into
    /// a buffer of that field's own, valid until the next <see cref="Read"/> or the next call for the same field.
    /// </summary>
    public ReadOnlySpan<char> Chars(int index)
    {
        ReadOnlySpan<byte> utf8 = _reader.GetSpan(index);
        if (index >= _buffers.Length)
        {
            Array.Resize(ref _buffers, index + 1);
        }

        char[]? buffer = _buffers[index];
        if (buffer is null || buffer.Length < utf8.Length)
        {
            buffer = _buffers[index] = new char[Math.Max(utf8.Length, 64)];
        }

        return buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8, buffer));
    }

    /// <summary>The current record as written (line breaks at its end removed).</summary>
    public string RawRecord => Encoding.UTF8.GetString(_reader.RawRecord).TrimEnd('\r', '\n');

    /// <summary>
    /// Opens the file at <paramref name="path"/> as strict UTF-8 text (UTF-16 with a byte order mark is recognised too).
    /// </summary>
    /// <exception cref="FileNotFoundException">No file exists there (the message gives the full path).</exception>
    public static TextReader OpenFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} '{path}' does not exist (full path: '{Path.GetFullPath(path)}').", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return new StrictUtf8Reader(stream, leaveOpen: false);
    }

    /// <summary>Opens <paramref name="stream"/> as strict UTF-8 text from its current position, leaving it open.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot be read.</exception>
    public static TextReader OpenStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read (it is closed or write-only).", nameof(stream));
        }

        return new StrictUtf8Reader(stream, leaveOpen: true);
    }

    /// <summary>
    /// Starts parsing <paramref name="text"/> (left open) with the culture and delimiter of <paramref name="options"/>;
    /// <paramref name="cancellationToken"/> is honoured before the header and every <see cref="RecordsPerCancellationCheck"/> records.
    /// </summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="options">The culture and delimiter.</param>
    /// <param name="description">Where the text comes from, for messages.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <param name="linesBefore">The lines of the file before <paramref name="text"/> (a range of a split file), added to every line number.</param>
    public static CsvSource Open(TextReader text, CsvReadOptions options, string description, CancellationToken cancellationToken, int linesBefore = 0)
        => new(text, options, description, cancellationToken, linesBefore);

    /// <summary>Reads the header line: the first line that is not blank.</summary>
    /// <param name="expected">What the data should look like, for the message when it is empty ("a header line naming ...").</param>
    /// <exception cref="DataFormatException">The data is empty, or not valid CSV or UTF-8.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked before anything is read).</exception>
    public CsvHeader ReadHeader(string expected)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (!Read())
        {
            throw new DataFormatException($"The data in {Description} is empty: expected {expected}.");
        }

        var names = new string[FieldCount];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = this[i];
        }

        return new CsvHeader(names, StartLine(), Description);
    }

    /// <summary>Moves to the next record; false at the end of the data.</summary>
    /// <exception cref="DataFormatException">The text is not valid CSV or not valid UTF-8 (the message names the line).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked every <see cref="RecordsPerCancellationCheck"/> records).</exception>
    public bool Read()
    {
        if (++_records % RecordsPerCancellationCheck == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        _malformed = false;
        _badField = null;
        try
        {
            return _reader.Read();
        }
        catch (CsvFormatException e)
        {
            string firstLine = e.Message.Split('\n', 2)[0].Trim();
            throw new DataFormatException(
                $"The CSV text in {Description} cannot be parsed near line {RawRow}: {firstLine}", RawRow, null, null, e);
        }
        catch (InvalidTextException e)
        {
            int line = (int)Math.Min(e.LineNumber, int.MaxValue);
            throw new DataFormatException(
                $"The data in {Description} is not valid {e.Encoding} text: {e.Message}; save the file as UTF-8, with or without a byte order mark.",
                line,
                null,
                null,
                e.InnerException);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(
                $"The data in {Description} is not valid UTF-8 text (near line {RawRow + 1}); save the file as UTF-8, with or without a byte order mark.",
                RawRow + 1,
                null,
                null,
                e);
        }
    }

    /// <summary>The 1-based line of the file where the current record ends.</summary>
    private int RawRow
    {
        get
        {
            ReadOnlySpan<byte> raw = _reader.RawRecord;
            int breaks = 0;
            int end = raw.Length;
            while (end > 0 && raw[end - 1] is (byte)'\r' or (byte)'\n')
            {
                end--;
            }

            for (int i = 0; i < end; i++)
            {
                if (raw[i] == '\n' || (raw[i] == '\r' && raw[i + 1] != '\n'))
                {
                    breaks++;
                }
            }

            return StartLine() + breaks;
        }
    }

    /// <summary>The 1-based line where the current record starts (a quoted field may span several lines).</summary>
    public int StartLine() => (int)Math.Min(_reader.LineNumber + _linesBefore, int.MaxValue);

    /// <summary>
    /// The structural problem of the current data row, or null when it has none: a stray quote in any field (requested
    /// or not), or a field count other than the header's <paramref name="expected"/>.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// The malformed row spans several lines: a stray quote has swallowed the lines after it, so the rest of the data
    /// cannot be split into rows reliably (thrown under every bad-row policy, naming the line where the row starts).
    /// </exception>
    public SkippedRow? StructuralProblem(int expected)
    {
        SkippedRow? problem = MalformedQuotes() ?? (FieldCount == expected ? null : WrongFieldCount(expected));
        int start = problem?.LineNumber ?? 0;
        if (problem is not null && start < RawRow)
        {
            throw new DataFormatException(
                $"Line {start}: a quote opens a field that runs on to line {RawRow}, and the row is malformed ({problem.Message}). A stray quote has probably swallowed the lines after it, so {Description} cannot be split into rows reliably; enclose fields holding quotes in quotes and double the quotes inside (\"\").",
                start,
                null,
                Shorten(RawRecord))
            {
                Reason = SkipReason.MalformedQuotes,
            };
        }

        return problem;
    }

    /// <summary>The rejection of the current row for a stray quote in a field read so far, or null when there is none.</summary>
    private SkippedRow? MalformedQuotes()
    {
        if (BadField is null)
        {
            return null;
        }

        int line = StartLine();
        return new SkippedRow(
            line, null, BadField, SkipReason.MalformedQuotes,
            $"Line {line}: the field '{Shorten(BadField)}' contains a quote but is not quoted; enclose the whole field in quotes and double the quotes inside (\"\").");
    }

    /// <summary>The rejection of the current row for having <see cref="FieldCount"/> fields where the header has <paramref name="expected"/>.</summary>
    public SkippedRow WrongFieldCount(int expected)
    {
        int line = StartLine();
        string raw = Shorten(RawRecord);
        int count = FieldCount;
        return new SkippedRow(
            line,
            null,
            raw,
            SkipReason.WrongFieldCount,
            $"Line {line} has {count} {(count == 1 ? "field" : "fields")} but the header has {expected} (delimiter {DescribeDelimiter(Delimiter)}); every row needs one field per column. The line reads: {raw}");
    }

    /// <summary>The culture's name for messages ("invariant" for the invariant culture).</summary>
    public string CultureName => Culture.Name.Length == 0 ? "invariant" : Culture.Name;

    /// <summary><paramref name="text"/> cut to <see cref="MaxQuotedLength"/> characters, with "…" when cut.</summary>
    public static string Shorten(string text)
        => text.Length <= MaxQuotedLength ? text : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    /// <summary>The first field of the current record that is malformed: a quote inside an unquoted field, or text after a closing quote.</summary>
    private string? FindBadField()
    {
        for (int i = 0; i < FieldCount; i++)
        {
            ReadOnlySpan<byte> raw = _reader.GetRawSpan(i);
            if (raw.Length == 0)
            {
                continue;
            }

            bool bad = raw[0] == (byte)'"'
                ? raw.Length == 1 || raw[^1] != (byte)'"' || ClosesEarly(raw[1..^1])
                : raw.Contains((byte)'"');
            if (bad)
            {
                return Encoding.UTF8.GetString(raw);
            }
        }

        return null;
    }

    /// <summary>True when the inside of a quoted field holds a quote that is not doubled (the field closes before its end).</summary>
    private static bool ClosesEarly(ReadOnlySpan<byte> inside)
    {
        for (int i = 0; i < inside.Length; i++)
        {
            if (inside[i] == (byte)'"')
            {
                if (i + 1 < inside.Length && inside[i + 1] == (byte)'"')
                {
                    i++;
                }
                else
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string DescribeDelimiter(string delimiter) => delimiter switch
    {
        "\t" => "tab",
        _ => $"'{delimiter}'",
    };
}
