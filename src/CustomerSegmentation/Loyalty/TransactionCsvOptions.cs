using System.Collections.Immutable;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Loyalty;

/// <summary>What the reader does with return and cancellation lines (a negative amount or a negative quantity).</summary>
public enum ReturnsPolicy
{
    /// <summary>Set every return line aside (counted in <see cref="TransactionHygieneReport.ReturnsExcluded"/>); Monetary is gross purchases.</summary>
    Exclude,

    /// <summary>
    /// Keep return lines so that they reduce the customer's Monetary (net spend). Returns never count as purchases for
    /// Recency or Frequency. The returns of a customer with no purchase in the file are set aside (counted in
    /// <see cref="TransactionHygieneReport.ReturnsWithoutPurchase"/>), because RFM needs at least one purchase.
    /// </summary>
    NetAgainstPurchases,
}

/// <summary>
/// How to read a transaction CSV: the column names, the date formats, and the hygiene policies, besides the culture, the
/// delimiter and the bad-row policy every reader shares. Every value is validated when it is set; an invalid value throws
/// an <see cref="ArgumentException"/> naming the option. Column names match the header ordinally, ignoring case and
/// surrounding whitespace.
/// </summary>
/// <remarks>
/// Unlike customer files, transaction files skip bad rows by default (<see cref="CsvReadOptions.BadRows"/> is
/// <see cref="BadRowPolicy.Skip"/>): real sales exports are rarely clean, and every skipped row is counted in
/// <see cref="TransactionHygieneReport.SkippedRows"/>.
/// </remarks>
public sealed record TransactionCsvOptions : CsvReadOptions
{
    /// <summary>The ISO 8601 layouts accepted when <see cref="DateFormats"/> is not set: a date, optionally followed by a time
    /// (minutes, seconds, fractions) after 'T' or a space, optionally followed by an offset or 'Z'.</summary>
    public static readonly ImmutableArray<string> Iso8601Formats =
    [
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-ddTHH:mmK",
    ];

    /// <summary>
    /// Options for the layout of the public "Online Retail" data set: CustomerID, InvoiceDate as M/d/yyyy H:mm,
    /// Quantity times UnitPrice, InvoiceNo as the order id.
    /// </summary>
    public static TransactionCsvOptions OnlineRetail { get; } = new()
    {
        CustomerIdColumn = "CustomerID",
        TimestampColumn = "InvoiceDate",
        Amount = TransactionAmount.QuantityTimesUnitPrice("Quantity", "UnitPrice"),
        OrderIdColumn = "InvoiceNo",
        DateFormats = ["M/d/yyyy H:mm"],
    };

    /// <summary>Creates options with every default; set the others with an object initializer.</summary>
    public TransactionCsvOptions()
        : base(BadRowPolicy.Skip)
    {
    }

    /// <summary>The column holding the customer id.</summary>
    /// <value>The default value is "CustomerId".</value>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string CustomerIdColumn { get; init => field = RequireName(value, nameof(CustomerIdColumn)); } = "CustomerId";

    /// <summary>The column holding the date and time of the line.</summary>
    /// <value>The default value is "Timestamp".</value>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string TimestampColumn { get; init => field = RequireName(value, nameof(TimestampColumn)); } = "Timestamp";

    /// <summary>Where the amount of a line comes from: one column, or quantity times unit price.</summary>
    /// <value>The default value is <see cref="TransactionAmount.Default"/> (the "Amount" column).</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TransactionAmount Amount { get; init => field = value ?? throw new ArgumentNullException(nameof(Amount)); } = TransactionAmount.Default;

    /// <summary>The column holding the order (invoice) id, or null when the data has none (Frequency then counts purchase days).</summary>
    /// <value>The default value is null.</value>
    /// <exception cref="ArgumentException">Set to a blank name.</exception>
    public string? OrderIdColumn { get; init => field = RequireNameOrNull(value, nameof(OrderIdColumn)); }

    /// <summary>
    /// The exact layouts of the timestamp column (.NET custom date and time format strings such as "yyyyMMdd" or
    /// "M/d/yyyy H:mm"), tried in order. Empty means <see cref="Iso8601Formats"/>.
    /// </summary>
    /// <value>The default value is empty (ISO 8601).</value>
    /// <exception cref="ArgumentException">Set to a list holding a blank format.</exception>
    public ImmutableArray<string> DateFormats
    {
        get;
        init
        {
            if (!value.IsDefault && value.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("DateFormats holds a blank format; every format must be a .NET date and time format string such as \"yyyy-MM-dd\".", nameof(DateFormats));
            }

            field = value.IsDefault ? [] : value;
        }
    } = [];

    /// <summary>
    /// The names of the columns, in order, for a file without a header line (every line is then a data row), such as
    /// the CDNOW purchase log; empty when the first line is the header. The column options name these columns.
    /// </summary>
    /// <value>The default value is empty (the file has a header).</value>
    /// <exception cref="ArgumentException">Set to a list holding a blank name.</exception>
    public ImmutableArray<string> ColumnNames
    {
        get;
        init
        {
            if (!value.IsDefault && value.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("ColumnNames holds a blank name; give every column of the headerless file a name.", nameof(ColumnNames));
            }

            field = value.IsDefault ? [] : [.. value.Select(static v => v.Trim())];
        }
    } = [];

    /// <summary>
    /// The last day a transaction may be dated. Later rows are unreadable rows of reason
    /// <see cref="SkipReason.AfterLatestDate"/> (skipped and counted in
    /// <see cref="TransactionHygieneReport.DatedAfterLatest"/>, or thrown under <see cref="BadRowPolicy.FailFast"/>), so
    /// that one mistyped year cannot move the default RFM analysis date (the day after the last transaction) years ahead.
    /// Null means the day after the read (UTC clock): nothing can have been bought later. Set it to the last day of the
    /// analysis period to leave out what came after it; <see cref="DateOnly.MaxValue"/> keeps every date.
    /// </summary>
    /// <value>The default value is null (the day after today, UTC).</value>
    public DateOnly? LatestDate { get; init; }

    /// <summary>What to do with return and cancellation lines.</summary>
    /// <value>The default value is <see cref="ReturnsPolicy.Exclude"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public ReturnsPolicy Returns { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Returns), value, $"{value} is not a returns policy; use {nameof(ReturnsPolicy.Exclude)} or {nameof(ReturnsPolicy.NetAgainstPurchases)}."); } = ReturnsPolicy.Exclude;

    /// <summary>The timestamp layouts actually tried.</summary>
    internal string[] EffectiveDateFormats => DateFormats.IsEmpty ? [.. Iso8601Formats] : [.. DateFormats];

    private static string RequireName(string value, string option)
    {
        ArgumentNullException.ThrowIfNull(value, option);
        return RequireNameOrNull(value, option)!;
    }

    private static string? RequireNameOrNull(string? value, string option)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{option} must be a column name, not a blank string.", option);
        }

        return value?.Trim();
    }
}
