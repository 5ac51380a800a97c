using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Csv;

namespace CustomerSegmentation.Loyalty;

/// <summary>The state of one read of a transaction CSV (column positions, interned ids, rejected rows, return counts).</summary>
internal sealed class TransactionCsvReader
{
    private const DateTimeStyles TimestampStyles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;

    /// <summary>Decimal separator, sign, exponent and surrounding spaces; never thousands separators or currency symbols.</summary>
    private const NumberStyles AmountStyles = NumberStyles.Float;

    /// <summary>The cultures an amount that does not parse is tried in, to suggest the right one (point and comma decimals).</summary>
    private static readonly CultureInfo[] OtherCultures = [CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE")];

    private readonly TransactionCsvOptions _options;
    private readonly CsvSource _csv;
    private readonly RejectedRows _rejected;
    private readonly string[] _formats;
    private readonly Dictionary<string, int> _customers = new(StringComparer.Ordinal);
    private readonly List<string> _customerIds = [];
    private readonly List<bool> _customerHasPurchase = [];
    private readonly Dictionary<string, string> _orders = new(StringComparer.Ordinal);
    private readonly List<Transaction> _kept = [];
    private readonly List<int> _keptReturnCustomers = [];
    private readonly DateOnly _latestDate;
    private long _returnsExcluded;

    private TransactionCsvReader(CsvSource csv, TransactionCsvOptions options)
    {
        _options = options;
        _csv = csv;
        _rejected = new RejectedRows(options, csv.Description);
        _formats = options.EffectiveDateFormats;
        _latestDate = options.LatestDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
    }

    public static TransactionSet Read(TextReader text, TransactionCsvOptions options, string source, CancellationToken cancellationToken)
    {
        using CsvSource csv = CsvSource.Open(text, options, source, cancellationToken);
        return new TransactionCsvReader(csv, options).ReadRows();
    }

    private TransactionSet ReadRows()
    {
        TransactionAmount amountSource = _options.Amount;
        string expected = _options.ColumnNames.IsEmpty
            ? $"a header line naming the columns (for example {_options.CustomerIdColumn}, {_options.TimestampColumn}, {amountSource.AmountColumn ?? amountSource.QuantityColumn}) followed by one line per transaction"
            : "one line per transaction";
        CsvHeader header = _options.ColumnNames.IsEmpty
            ? _csv.ReadHeader(expected)
            : new CsvHeader([.. _options.ColumnNames], 0, _csv.Description);
        int idColumn = header.IndexOf(_options.CustomerIdColumn, "customer id");
        int timeColumn = header.IndexOf(_options.TimestampColumn, "timestamp");
        int amountColumn = amountSource.AmountColumn is null ? -1 : header.IndexOf(amountSource.AmountColumn, "amount");
        int quantityColumn = amountSource.QuantityColumn is null ? -1 : header.IndexOf(amountSource.QuantityColumn, "quantity");
        int priceColumn = amountSource.UnitPriceColumn is null ? -1 : header.IndexOf(amountSource.UnitPriceColumn, "unit price");
        int orderColumn = _options.OrderIdColumn is null ? -1 : header.IndexOf(_options.OrderIdColumn, "order id");
        string Name(int column) => header.Names[column];

        long rowsRead = 0;
        while (_csv.Read())
        {
            rowsRead++;
            if (_csv.StructuralProblem(header.Names.Length) is { } structural)
            {
                _rejected.Add(structural);
                continue;
            }

            string? id = Field(idColumn);
            if (id is null)
            {
                _rejected.Add(Empty(Name(idColumn), "the customer id is empty; every transaction needs a customer."));
                continue;
            }

            string? timeText = Field(timeColumn);
            if (!TryParseTimestamp(timeText, out DateTime timestamp))
            {
                _rejected.Add(timeText is null ? Empty(Name(timeColumn), "the timestamp is empty; every transaction needs a date.") : NotADate(Name(timeColumn), timeText));
                continue;
            }

            if (DateOnly.FromDateTime(timestamp) > _latestDate)
            {
                _rejected.Add(AfterLatestDate(Name(timeColumn), timeText!));
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

            string? orderId = null;
            if (orderColumn >= 0)
            {
                orderId = Field(orderColumn);
                if (orderId is null)
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

            Keep(id, timestamp, amount, orderId is null ? null : Intern(orderId), isReturn);
        }

        ImmutableArray<Transaction> kept = DropReturnsWithoutPurchase(out long returnsWithoutPurchase);
        var report = new TransactionHygieneReport(
            rowsRead,
            kept.Length,
            _returnsExcluded,
            returnsWithoutPurchase,
            _keptReturnCustomers.Count - returnsWithoutPurchase,
            _rejected.ToReport(),
            _latestDate);
        return new TransactionSet(kept, orderColumn >= 0, report);
    }

    private void Keep(string id, DateTime timestamp, decimal amount, string? orderId, bool isReturn)
    {
        ref int customer = ref CollectionsMarshal.GetValueRefOrAddDefault(_customers, id, out bool known);
        if (!known)
        {
            customer = _customerIds.Count;
            _customerIds.Add(id);
            _customerHasPurchase.Add(false);
        }
        else
        {
            id = _customerIds[customer];
        }

        if (isReturn)
        {
            _keptReturnCustomers.Add(customer);
        }
        else
        {
            _customerHasPurchase[customer] = true;
        }

        _kept.Add(new Transaction(id, timestamp, amount, orderId));
    }

    private ImmutableArray<Transaction> DropReturnsWithoutPurchase(out long dropped)
    {
        dropped = 0;
        foreach (int customer in _keptReturnCustomers)
        {
            if (!_customerHasPurchase[customer])
            {
                dropped++;
            }
        }

        if (dropped == 0)
        {
            return ImmutableCollectionsMarshal.AsImmutableArray(_kept.ToArray());
        }

        return [.. _kept.Where(t => _customerHasPurchase[_customers[t.CustomerId]])];
    }

    private string Intern(string orderId)
    {
        ref string? interned = ref CollectionsMarshal.GetValueRefOrAddDefault(_orders, orderId, out bool known);
        if (!known)
        {
            interned = orderId;
        }

        return interned!;
    }

    private bool TryParseTimestamp(string? text, out DateTime timestamp)
    {
        timestamp = default;
        if (text is null)
        {
            return false;
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
            int line = _csv.StartLine();
            string text = $"{Field(quantityColumn)} x {Field(priceColumn)}";
            return new SkippedRow(
                line, quantityName, text, SkipReason.NotFinite,
                $"Line {line}, columns '{quantityName}' and '{priceName}': {text} is beyond the range of a decimal amount (about ±7.9e28).");
        }
    }

    private SkippedRow? ReadNumber(int column, string name, out decimal value)
    {
        string? text = Field(column);
        if (text is null)
        {
            value = 0m;
            return Empty(name, "the cell is empty; every transaction needs an amount.");
        }

        if (decimal.TryParse(text, AmountStyles, _csv.Culture, out value))
        {
            return null;
        }

        int line = _csv.StartLine();
        string quoted = CsvSource.Shorten(text);
        string where = $"Line {line}, column '{name}'";
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

    private SkippedRow AfterLatestDate(string column, string text)
    {
        int line = _csv.StartLine();
        return new SkippedRow(
            line, column, text, SkipReason.AfterLatestDate,
            $"Line {line}, column '{column}': {CsvSource.Shorten(text)} is after the latest date {_latestDate:yyyy-MM-dd}; a transaction cannot be dated in the future (set {nameof(TransactionCsvOptions)}.{nameof(TransactionCsvOptions.LatestDate)} to the end of the analysis period to choose the bound).");
    }

    private SkippedRow Empty(string column, string problem)
    {
        int line = _csv.StartLine();
        return new SkippedRow(line, column, string.Empty, SkipReason.EmptyValue, $"Line {line}, column '{column}': {problem}");
    }

    private SkippedRow NotADate(string column, string text)
    {
        int line = _csv.StartLine();
        return new SkippedRow(
            line, column, text, SkipReason.NotADate,
            $"Line {line}, column '{column}': '{CsvSource.Shorten(text)}' is not a date and time in any of the formats {string.Join(", ", _formats.Select(f => $"'{f}'"))} (culture '{_csv.CultureName}').");
    }

    /// <summary>The trimmed text of <paramref name="column"/> in the current row, or null when it is empty or the row is too short to hold it.</summary>
    private string? Field(int column)
    {
        if (column >= _csv.FieldCount)
        {
            return null;
        }

        string text = _csv[column];
        if (text.Length == 0)
        {
            return null;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            text = text.Trim();
        }

        return text.Length == 0 ? null : text;
    }
}
