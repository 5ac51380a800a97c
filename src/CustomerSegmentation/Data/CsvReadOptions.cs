using System.Globalization;

namespace CustomerSegmentation.Data;

/// <summary>
/// What every CSV reader of this library shares: the culture, the delimiter and what to do with bad rows. Every value
/// is validated when it is set; an invalid value throws an <see cref="ArgumentException"/> naming the option.
/// </summary>
public abstract record CsvReadOptions
{
    /// <summary>Creates options with the reader's own bad-row policy and every other default.</summary>
    /// <param name="badRows">The reader's default <see cref="BadRows"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="badRows"/> is not a defined policy.</exception>
    private protected CsvReadOptions(BadRowPolicy badRows)
    {
        BadRows = badRows;
    }

    /// <summary>The culture numbers (and dates) are parsed with: its decimal separator, its month names.</summary>
    /// <value>The default is <see cref="CultureInfo.InvariantCulture"/> (decimal point '.').</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public CultureInfo Culture
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Culture));
            field = value;
        }
    } = CultureInfo.InvariantCulture;

    /// <summary>
    /// The field delimiter (one character), or null to let CsvHelper detect it among ",", ";", tab and "|" from the start
    /// of the file ("," when none appears; an Excel "sep=" first line names it and is not read as data).
    /// </summary>
    /// <value>The default is null (detect).</value>
    /// <exception cref="ArgumentException">The value is not one character, or is a quote or a line break, or <see cref="WhitespaceSeparated"/> is set.</exception>
    public string? Delimiter
    {
        get;
        init
        {
            if (value is not null && (value.Length != 1 || value.AsSpan().IndexOfAny("\"\r\n") >= 0))
            {
                throw new ArgumentException(
                    $"The delimiter '{value}' is not usable: it must be one character other than a quote or a line break (for example \",\", \";\" or \"\\t\"), or null to detect it.",
                    nameof(Delimiter));
            }

            if (value is not null && WhitespaceSeparated)
            {
                throw new ArgumentException($"The delimiter '{value}' cannot be combined with WhitespaceSeparated; set one of them.", nameof(Delimiter));
            }

            field = value;
        }
    }

    /// <summary>
    /// True when fields are separated by runs of spaces and tabs instead of a delimiter (fixed-width and
    /// whitespace-separated exports such as the CDNOW purchase log): leading and trailing blanks of a line are ignored,
    /// so fields cannot hold spaces. <see cref="Delimiter"/> must then be null.
    /// </summary>
    /// <value>The default is false.</value>
    /// <exception cref="ArgumentException">Set to true while <see cref="Delimiter"/> is set.</exception>
    public bool WhitespaceSeparated
    {
        get;
        init
        {
            if (value && Delimiter is not null)
            {
                throw new ArgumentException($"WhitespaceSeparated cannot be combined with the delimiter '{Delimiter}'; leave Delimiter null.", nameof(WhitespaceSeparated));
            }

            field = value;
        }
    }

    /// <summary>What to do with a data row that cannot be used (a bad number or date, an empty cell, a ragged row, a stray quote).</summary>
    /// <value>The default depends on the reader: <see cref="BadRowPolicy.FailFast"/> for customers, <see cref="BadRowPolicy.Skip"/> for transactions.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined policy.</exception>
    public BadRowPolicy BadRows
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(BadRows), value, $"{value} is not a bad-row policy; use {nameof(BadRowPolicy.FailFast)} or {nameof(BadRowPolicy.Skip)}.");
            }

            field = value;
        }
    }

    /// <summary>
    /// The most threads a read of a file or a seekable stream uses. With more than one, data of at least 2 MiB that
    /// holds no quote character, no UTF-16 byte order mark and no lone carriage return is split at line starts into
    /// ranges parsed side by side (a file's ranges are read from the file, after one pass that finds them; a stream's
    /// bytes are read into memory first); the result (rows, their order, line numbers in messages, the first
    /// error under <see cref="BadRowPolicy.FailFast"/>, the skipped-row report) is the same as a one-thread read's.
    /// Other data, a <see cref="TextReader"/> and a one-way stream are read on one thread.
    /// </summary>
    /// <value>The default value is -1 (one thread per processor). Must be -1 or at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or less than -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get;
        init => field = value == -1 || value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, $"{nameof(MaxDegreeOfParallelism)} must be -1 (one thread per processor) or at least 1.");
    } = -1;

    /// <summary>The smallest range a parallel read gives one thread (tests lower it to split small texts).</summary>
    internal int MinBytesPerThread
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MinBytesPerThread), value, "The smallest range must be at least one byte.");
    } = 1 << 20;

    /// <summary>How many skipped rows <see cref="SkippedRowsReport.Samples"/> keeps in full, the first in file order (all of them are counted).</summary>
    /// <value>The default is 10.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxReportedSkippedRows
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxReportedSkippedRows));
            field = value;
        }
    } = 10;
}
