using System.Globalization;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Csv;
using CustomerSegmentation.Data.Database;

namespace CustomerSegmentation.Loyalty;

/// <summary>
/// The state of one read of transactions from a CSV file or a database query (column positions, interned ids, rejected
/// rows, return counts): the same checks, policies and messages for both.
/// </summary>
internal sealed class TransactionRowReader
{
    /// <summary>
    /// The longest chunk of a kept column, 1 MiB: chunks this large are made on the large-object heap, so the collector
    /// never copies them from one generation to the next as a read of a million lines fills them.
    /// </summary>
    private const int ChunkBytes = 1 << 20;

    private const DateTimeStyles TimestampStyles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;

    /// <summary>Decimal separator, sign, exponent and surrounding spaces; never thousands separators or currency symbols.</summary>
    private const NumberStyles AmountStyles = NumberStyles.Float;

    /// <summary>The cultures an amount that does not parse is tried in, to suggest the right one (point and comma decimals).</summary>
    private static readonly CultureInfo[] OtherCultures = [CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE")];

    private readonly TransactionCsvOptions _options;
    private readonly TransactionRows _csv;
    private readonly RejectedRows _rejected;
    private readonly string[] _formats;
    private readonly IsoTimestamp? _isoTimestamp;
    private readonly IdNumbering _customers = new();
    private readonly List<bool> _customerHasPurchase = [];
    private readonly IdNumbering _orders = new();
    private readonly ColumnBuilder<int> _keptCustomers = new(ChunkBytes);
    private readonly ColumnBuilder<DateTime> _keptTimestamps = new(ChunkBytes);
    private readonly ColumnBuilder<decimal> _keptAmounts = new(ChunkBytes);
    private readonly ColumnBuilder<int> _keptOrders = new(ChunkBytes);
    private readonly List<int> _keptReturnCustomers = [];
    private readonly DateOnly _latestDate;
    private long _returnsExcluded;
    private long _rowsRead;
    private CsvHeader? _header;

    private TransactionRowReader(TransactionRows csv, TransactionCsvOptions options, DateOnly? latestDate = null)
    {
        _options = options;
        _csv = csv;
        _rejected = new RejectedRows(options, csv.Description);
        _formats = options.EffectiveDateFormats;
        _isoTimestamp = IsoTimestamp.For(_formats[0], csv.Culture);
        _latestDate = latestDate ?? options.LatestDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
    }

    public static TransactionSet Read(TextReader text, TransactionCsvOptions options, string source, CancellationToken cancellationToken)
    {
        using var csv = new TransactionRows.Csv(CsvSource.Open(text, options, source, cancellationToken));
        return new TransactionRowReader(csv, options).ReadRows();
    }

    /// <summary>Reads the rows of a database query.</summary>
    public static TransactionSet Read(DbRows rows, TransactionCsvOptions options)
    {
        using var source = new TransactionRows.Db(rows, options.Culture);
        return new TransactionRowReader(source, options).ReadRows();
    }

    /// <summary>Reads rows of another source (a Parquet file) through the same checks; <paramref name="rows"/> is disposed.</summary>
    public static TransactionSet Read(TransactionRows rows, TransactionCsvOptions options)
    {
        using (rows)
        {
            return new TransactionRowReader(rows, options).ReadRows();
        }
    }

    private TransactionSet ReadRows()
    {
        Columns columns = ReadHeader();
        ReadRange(columns);
        return Finish(columns);
    }

    /// <summary>Reads the ranges of <paramref name="chunks"/> side by side; the result is the one-thread read's.</summary>
    public static TransactionSet Read(CsvChunks chunks, TransactionCsvOptions options, string source, CancellationToken cancellationToken)
    {
        if (chunks.Ranges.Count == 1)
        {
            using TextReader whole = chunks.Open(0);
            return Read(whole, options, source, cancellationToken);
        }

        // The header, the delimiter (detected on the whole text, as a one-thread read detects it) and the columns are
        // settled first, so that their errors are the one-thread read's.
        TransactionCsvOptions rangeOptions;
        DateOnly latestDate;
        CsvHeader header;
        using (TextReader whole = chunks.OpenWhole())
        using (CsvSource probe = CsvSource.Open(whole, options, source, cancellationToken))
        {
            var probeReader = new TransactionRowReader(new TransactionRows.Csv(probe), options);
            _ = probeReader.ReadHeader();
            header = probeReader._header!;
            if (!options.ColumnNames.IsEmpty)
            {
                _ = probe.Read();
            }

            rangeOptions = options with { Delimiter = probe.Delimiter };
            latestDate = probeReader._latestDate;
        }

        IReadOnlyList<(TransactionRowReader Reader, Columns Columns)> parts = CsvRanges.ReadAll(chunks, rangeOptions, source, cancellationToken, (csv, first) =>
        {
            var reader = new TransactionRowReader(new TransactionRows.Csv(csv), options, latestDate);
            Columns columns = reader.ReadHeader(first ? null : header);
            reader.ReadRange(columns);
            return (reader, columns);
        });

        // The order ids are numbered over all ranges at once (looked up side by side); the customers range by range.
        (TextColumn orderIds, int[][] orderNumbers) = IdNumbering.Merge([.. parts.Select(p => p.Reader._orders)], parts.Count);
        TransactionRowReader all = parts[0].Reader;
        for (int k = 1; k < parts.Count; k++)
        {
            all.Append(parts[k].Reader, orderNumbers[k]);
        }

        return all.Finish(parts[0].Columns, orderIds);
    }

    /// <summary>The positions of the columns read, -1 for one not used.</summary>
    private sealed record Columns(int Id, int Time, int Amount, int Quantity, int Price, int Order);

    /// <summary>Reads the header (or takes the given column names; a later range of a split file has no header line) and finds the columns.</summary>
    private Columns ReadHeader(CsvHeader? given = null)
    {
        TransactionAmount amountSource = _options.Amount;
        string expected = _options.ColumnNames.IsEmpty
            ? $"a header line naming the columns (for example {_options.CustomerIdColumn}, {_options.TimestampColumn}, {amountSource.AmountColumn ?? amountSource.QuantityColumn}) followed by one line per transaction"
            : "one line per transaction";
        CsvHeader header = _header = given ?? _csv.ReadHeader(expected, _options);
        int idColumn = header.IndexOf(_options.CustomerIdColumn, "customer id");
        int timeColumn = header.IndexOf(_options.TimestampColumn, "timestamp");
        int amountColumn = amountSource.AmountColumn is null ? -1 : header.IndexOf(amountSource.AmountColumn, "amount");
        int quantityColumn = amountSource.QuantityColumn is null ? -1 : header.IndexOf(amountSource.QuantityColumn, "quantity");
        int priceColumn = amountSource.UnitPriceColumn is null ? -1 : header.IndexOf(amountSource.UnitPriceColumn, "unit price");
        int orderColumn = _options.OrderIdColumn is null ? -1 : header.IndexOf(_options.OrderIdColumn, "order id");
        return new Columns(idColumn, timeColumn, amountColumn, quantityColumn, priceColumn, orderColumn);
    }

    /// <summary>Reads every data row of the source (or of its range), keeping or rejecting each.</summary>
    private void ReadRange(Columns columns)
    {
        (int idColumn, int timeColumn, int amountColumn, int quantityColumn, int priceColumn, int orderColumn) = columns;
        int fieldCount = _header!.Names.Length;
        while (_csv.Read())
        {
            _rowsRead++;
            if (_csv.StructuralProblem(fieldCount) is { } structural)
            {
                _rejected.Add(structural);
                continue;
            }

            ReadOnlySpan<char> id = _csv.Chars(idColumn);
            if (id.IsEmpty)
            {
                _rejected.Add(Empty(Name(idColumn), "the customer id is empty; every transaction needs a customer."));
                continue;
            }

            ReadOnlySpan<char> timeText = _csv.Chars(timeColumn);
            if (!TryReadTimestamp(timeColumn, timeText, out DateTime timestamp))
            {
                _rejected.Add(timeText.IsEmpty ? Empty(Name(timeColumn), "the timestamp is empty; every transaction needs a date.") : NotADate(Name(timeColumn), timeText.ToString()));
                continue;
            }

            if (DateOnly.FromDateTime(timestamp) > _latestDate)
            {
                _rejected.Add(AfterLatestDate(Name(timeColumn), timeText.ToString()));
                continue;
            }

            SkippedRow? problem = amountColumn >= 0
                ? ReadNumber(amountColumn, Name(amountColumn), out decimal amount)
                : ReadProduct(quantityColumn, Name(quantityColumn), priceColumn, Name(priceColumn), out amount);
            if (problem is not null)
            {
                _rejected.Add(problem);
                continue;
            }

            ReadOnlySpan<char> orderId = [];
            if (orderColumn >= 0)
            {
                orderId = _csv.Chars(orderColumn);
                if (orderId.IsEmpty)
                {
                    _rejected.Add(Empty(Name(orderColumn), $"the order id is empty although {nameof(TransactionCsvOptions.OrderIdColumn)} is set."));
                    continue;
                }
            }

            bool isReturn = amount < 0m;
            if (isReturn && _options.Returns == ReturnsPolicy.Exclude)
            {
                _returnsExcluded++;
                continue;
            }

            Keep(id, timestamp, amount, orderColumn < 0 ? -1 : _orders.Number(orderId), isReturn);
        }
    }

    /// <summary>
    /// Moves what <paramref name="later"/> read from a later range of the same file after what this reader read: its
    /// transactions and rejections in order, its customers matched to these by id, its orders numbered by
    /// <paramref name="orders"/> (the number over every range of each of its order ids).
    /// </summary>
    private void Append(TransactionRowReader later, int[] orders)
    {
        var customers = new int[later._customers.Count];
        for (int c = 0; c < customers.Length; c++)
        {
            int customer = _customers.Number(later._customers.Text(c));
            if (customer == _customerHasPurchase.Count)
            {
                _customerHasPurchase.Add(false);
            }

            customers[c] = customer;
            _customerHasPurchase[customer] |= later._customerHasPurchase[c];
        }

        later._keptCustomers.Map(c => customers[c]);
        later._keptOrders.Map(o => orders[o]);
        _keptCustomers.Append(later._keptCustomers);
        _keptTimestamps.Append(later._keptTimestamps);
        _keptAmounts.Append(later._keptAmounts);
        _keptOrders.Append(later._keptOrders);

        foreach (int c in later._keptReturnCustomers)
        {
            _keptReturnCustomers.Add(customers[c]);
        }

        _returnsExcluded += later._returnsExcluded;
        _rowsRead += later._rowsRead;
        _rejected.Append(later._rejected);
    }

    /// <summary>
    /// The transactions kept, with the returns of customers who never bought set aside, and the hygiene report;
    /// <paramref name="orderIds"/> are the order ids of a split read's ranges together (null: this reader's own).
    /// </summary>
    private TransactionSet Finish(Columns columns, TextColumn? orderIds = null)
    {
        TransactionColumns kept = KeptColumns(columns.Order >= 0 ? orderIds ?? _orders.Texts : null, out long returnsWithoutPurchase);
        var report = new TransactionHygieneReport(
            _rowsRead,
            kept.Count,
            _returnsExcluded,
            returnsWithoutPurchase,
            _keptReturnCustomers.Count - returnsWithoutPurchase,
            _rejected.ToReport(),
            _latestDate);
        return new TransactionSet(kept, report);
    }

    /// <summary>Keeps a line; <paramref name="order"/> is the number of its order id, -1 when the source has none.</summary>
    private void Keep(ReadOnlySpan<char> id, DateTime timestamp, decimal amount, int order, bool isReturn)
    {
        int customer = _customers.Number(id);
        if (customer == _customerHasPurchase.Count)
        {
            _customerHasPurchase.Add(false);
        }

        if (isReturn)
        {
            _keptReturnCustomers.Add(customer);
        }
        else
        {
            _customerHasPurchase[customer] = true;
        }

        _keptCustomers.Add(customer);
        _keptTimestamps.Add(timestamp);
        _keptAmounts.Add(amount);
        if (order >= 0)
        {
            _keptOrders.Add(order);
        }
    }

    /// <summary>
    /// The kept lines by column, without the lines of customers who never bought (only returns), those customers taken
    /// out of the numbering (which stays in order of first line).
    /// </summary>
    private TransactionColumns KeptColumns(TextColumn? orderIds, out long dropped)
    {
        bool hasOrders = orderIds is not null;
        dropped = 0;
        foreach (int customer in _keptReturnCustomers)
        {
            if (!_customerHasPurchase[customer])
            {
                dropped++;
            }
        }

        int[] customers = _keptCustomers.ToArray();
        DateTime[] timestamps = _keptTimestamps.ToArray();
        decimal[] amounts = _keptAmounts.ToArray();
        int[]? orders = hasOrders ? _keptOrders.ToArray() : null;
        if (dropped == 0)
        {
            return new TransactionColumns(_customers.ToStrings(), customers, timestamps, amounts, orderIds, orders);
        }

        // A customer who never bought owns no kept line: the others are numbered again, in the same order.
        var renumbered = new int[_customers.Count];
        var ids = new List<string>(_customers.Count);
        for (int c = 0; c < renumbered.Length; c++)
        {
            renumbered[c] = _customerHasPurchase[c] ? ids.Count : -1;
            if (_customerHasPurchase[c])
            {
                ids.Add(_customers[c]);
            }
        }

        int count = customers.Length - (int)dropped;
        var keptCustomers = new int[count];
        var keptTimestamps = new DateTime[count];
        var keptAmounts = new decimal[count];
        int[]? keptOrders = hasOrders ? new int[count] : null;
        int k = 0;
        for (int i = 0; i < customers.Length; i++)
        {
            int customer = renumbered[customers[i]];
            if (customer < 0)
            {
                continue;
            }

            keptCustomers[k] = customer;
            keptTimestamps[k] = timestamps[i];
            keptAmounts[k] = amounts[i];
            if (keptOrders is not null)
            {
                keptOrders[k] = orders![i];
            }

            k++;
        }

        return new TransactionColumns([.. ids], keptCustomers, keptTimestamps, keptAmounts, orderIds, keptOrders);
    }

    /// <summary>
    /// A typed date (a database's DateTime kept as it comes, a DateTimeOffset converted to UTC, a DateOnly at midnight),
    /// or the text parsed with the date formats.
    /// </summary>
    private bool TryReadTimestamp(int column, ReadOnlySpan<char> text, out DateTime timestamp)
    {
        switch (_csv.Typed(column))
        {
            case DateTime value:
                timestamp = value;
                return true;
            case DateTimeOffset value:
                timestamp = value.UtcDateTime;
                return true;
            case DateOnly value:
                timestamp = value.ToDateTime(TimeOnly.MinValue);
                return true;
            case { } other:
                throw WrongType(column, other, "dates (date, timestamp, timestamp with time zone) or text in the date formats");
        }

        timestamp = default;
        if (text.IsEmpty)
        {
            return false;
        }

        if (_isoTimestamp is not null && _isoTimestamp.TryParse(text, out timestamp))
        {
            return true;
        }

        // The formats in the given order, every row: the first that matches wins.
        for (int f = 0; f < _formats.Length; f++)
        {
            if (DateTime.TryParseExact(text, _formats[f], _csv.Culture, TimestampStyles, out timestamp))
            {
                return true;
            }
        }

        return false;
    }

    private SkippedRow? ReadProduct(int quantityColumn, string quantityName, int priceColumn, string priceName, out decimal amount)
    {
        amount = 0m;
        if (ReadNumber(quantityColumn, quantityName, out decimal quantity) is { } badQuantity)
        {
            return badQuantity;
        }

        if (ReadNumber(priceColumn, priceName, out decimal price) is { } badPrice)
        {
            return badPrice;
        }

        try
        {
            amount = quantity * price;
            return null;
        }
        catch (OverflowException)
        {
            int line = _csv.Location();
            string text = $"{Field(quantityColumn)} x {Field(priceColumn)}";
            return new SkippedRow(
                line, quantityName, text, SkipReason.NotFinite,
                $"{_csv.LocationWord} {line}, columns '{quantityName}' and '{priceName}': {text} is beyond the range of a decimal amount (about ±7.9e28).");
        }
    }

    private SkippedRow? ReadNumber(int column, string name, out decimal value)
    {
        if (_csv.Typed(column) is { } typed)
        {
            return ReadTypedNumber(column, name, typed, out value);
        }

        ReadOnlySpan<char> chars = _csv.Chars(column);
        if (chars.IsEmpty)
        {
            value = 0m;
            return Empty(name, "the cell is empty; every transaction needs an amount.");
        }

        if (CsvNumbers.TryParseDecimal(chars, _csv.Culture, out value))
        {
            return null;
        }

        string text = chars.ToString();
        int line = _csv.Location();
        string quoted = CsvSource.Shorten(text);
        string where = $"{_csv.LocationWord} {line}, column '{name}'";
        if (double.TryParse(text, AmountStyles, _csv.Culture, out double magnitude) && double.IsFinite(magnitude))
        {
            return new SkippedRow(
                line, name, text, SkipReason.NotFinite,
                $"{where}: '{quoted}' is beyond the range of a decimal amount (about ±7.9e28).");
        }

        string decimalSeparator = _csv.Culture.NumberFormat.NumberDecimalSeparator;
        string hint = string.Empty;
        foreach (CultureInfo other in OtherCultures)
        {
            if (other.NumberFormat.NumberDecimalSeparator != decimalSeparator && decimal.TryParse(text, AmountStyles, other, out _))
            {
                string otherName = other.Name.Length == 0 ? "invariant" : other.Name;
                hint = $" It reads as a number in the {otherName} culture (decimal separator '{other.NumberFormat.NumberDecimalSeparator}'): if the file uses it, set {nameof(TransactionCsvOptions)}.{nameof(CsvReadOptions.Culture)} = {otherName}.";
                break;
            }
        }

        return new SkippedRow(
            line, name, text, SkipReason.NotANumber,
            $"{where}: '{quoted}' is not a number in culture '{_csv.CultureName}' (decimal separator '{decimalSeparator}', no thousands separators).{hint}");
    }

    /// <summary>
    /// A number a database holds typed: decimals and integers exactly; a double or float converted by decimal's own
    /// conversion (at most 15 significant digits, which gives back the written value of an amount of up to 15 digits).
    /// </summary>
    private SkippedRow? ReadTypedNumber(int column, string name, object typed, out decimal value)
    {
        value = 0m;
        double? real = typed switch { double d => d, float f => f, _ => null };
        try
        {
            if (real is { } r)
            {
                if (double.IsFinite(r))
                {
                    value = (decimal)r;
                    return null;
                }
            }
            else if (typed is decimal or long or int or short or sbyte or byte or ulong or uint or ushort)
            {
                value = Convert.ToDecimal(typed, CultureInfo.InvariantCulture);
                return null;
            }
            else
            {
                throw WrongType(column, typed, "numbers (integer, real, double, decimal or numeric)");
            }
        }
        catch (OverflowException)
        {
        }

        int line = _csv.Location();
        string text = DbValues.ToText(typed);
        return new SkippedRow(
            line, name, text, SkipReason.NotFinite,
            $"{_csv.LocationWord} {line}, column '{name}': {CsvSource.Shorten(text)} is not finite or beyond the range of a decimal amount (about ±7.9e28).");
    }

    private DataFormatException WrongType(int column, object value, string expected)
    {
        int line = _csv.Location();
        string name = Name(column);
        string text = DbValues.ToText(value);
        return new DataFormatException(
            $"{_csv.LocationWord} {line}, column '{name}': the column holds {DbValues.TypeName(value)} values ('{CsvSource.Shorten(text)}'), not {expected}; select a column of that type or cast it in the query.",
            line,
            name,
            text);
    }

    private SkippedRow AfterLatestDate(string column, string text)
    {
        int line = _csv.Location();
        return new SkippedRow(
            line, column, text, SkipReason.AfterLatestDate,
            $"{_csv.LocationWord} {line}, column '{column}': {CsvSource.Shorten(text)} is after the latest date {_latestDate:yyyy-MM-dd}; a transaction cannot be dated in the future (set {nameof(TransactionCsvOptions)}.{nameof(TransactionCsvOptions.LatestDate)} to the end of the analysis period to choose the bound).");
    }

    private SkippedRow Empty(string column, string problem)
    {
        int line = _csv.Location();
        return new SkippedRow(line, column, string.Empty, SkipReason.EmptyValue, $"{_csv.LocationWord} {line}, column '{column}': {problem}");
    }

    private SkippedRow NotADate(string column, string text)
    {
        int line = _csv.Location();
        return new SkippedRow(
            line, column, text, SkipReason.NotADate,
            $"{_csv.LocationWord} {line}, column '{column}': '{CsvSource.Shorten(text)}' is not a date and time in any of the formats {string.Join(", ", _formats.Select(f => $"'{f}'"))} (culture '{_csv.CultureName}').");
    }

    /// <summary>The trimmed text of <paramref name="column"/> in the current row, or null when it is empty, NULL or the row is too short to hold it.</summary>
    private string? Field(int column) => _csv.Text(column);

    private string Name(int column) => _header!.Names[column];
}
