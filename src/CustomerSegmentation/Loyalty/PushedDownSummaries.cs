using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Database;

namespace CustomerSegmentation.Loyalty;

/// <summary>Runs the queries of a <see cref="TransactionTable"/> and turns their rows into .NET figures.</summary>
internal static class PushedDownSummaries
{
    private const DateTimeStyles TimestampStyles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;

    /// <summary>One customer's row of the RFM query.</summary>
    private readonly record struct RfmRow(string Id, DateTime FirstLine, DateTime LastLine, DateTime? FirstPurchase, DateTime? LastPurchase, decimal Monetary, int PurchaseDays, int Orders, long Sequence);

    public static RfmResult Rfm(RfmAnalyzer analyzer, DbConnection connection, TransactionTable table, CancellationToken cancellationToken)
    {
        FrequencyBasis basis = analyzer.Options.Frequency switch
        {
            FrequencyBasis.PurchaseDays => FrequencyBasis.PurchaseDays,
            FrequencyBasis.Orders when table.OrderIdColumn is null => throw new ArgumentException(
                "Frequency by orders was requested but the transaction table names no order id column; set TransactionTable.OrderIdColumn, or use FrequencyBasis.PurchaseDays or Auto.",
                nameof(table)),
            _ => table.OrderIdColumn is null ? FrequencyBasis.PurchaseDays : FrequencyBasis.Orders,
        };

        var rows = new List<RfmRow>();
        Run(connection, table.RfmQuery(), table.EffectiveLatestDate.AddDays(1), $"the RFM query on '{table.Table}'", cancellationToken, r =>
        {
            int last = 6;
            rows.Add(new RfmRow(
                DbValues.ToText(r.Value(0)),
                Timestamp(r, 1),
                Timestamp(r, 2),
                r.Value(3) is DBNull ? null : Timestamp(r, 3),
                r.Value(4) is DBNull ? null : Timestamp(r, 4),
                Money(r, 5, table.AmountScale),
                Count(r, 6),
                table.OrderIdColumn is null ? 0 : Count(r, ++last),
                table.SequenceColumn is null ? 0 : Sequence(r, ++last)));
        });

        // A customer with only returns has no purchase: the reader sets such lines aside (ReturnsWithoutPurchase).
        List<RfmRow> kept = Ordered(rows.Where(r => r.FirstPurchase is not null), table.SequenceColumn is not null, r => r.Sequence, r => r.FirstLine, r => r.Id);
        if (kept.Count == 0)
        {
            throw new ArgumentException($"The table '{table.Table}' holds no purchase to analyse (after its filters); RFM needs at least one purchase.", nameof(table));
        }

        string[] ids = [.. kept.Select(r => r.Id)];
        decimal[] monetary = [.. kept.Select(r => r.Monetary)];
        RfmAnalyzer.CheckTotalSpend(ids, monetary);
        int lastTransactionDay = kept.Max(r => DateOnly.FromDateTime(r.LastLine).DayNumber);
        int[] frequency = [.. kept.Select(r => basis == FrequencyBasis.Orders ? r.Orders : r.PurchaseDays)];
        return analyzer.Score(ids, monetary, [.. kept.Select(r => r.FirstPurchase!.Value)], [.. kept.Select(r => r.LastPurchase!.Value)], frequency, lastTransactionDay, basis);
    }

    /// <summary>One customer's row of the purchase-summary query.</summary>
    private readonly record struct DaysRow(string Id, int PurchaseDays, DateOnly First, DateOnly Last, decimal Spend, decimal FirstDaySpend, long Sequence);

    public static PurchaseSummary Purchases(DbConnection connection, TransactionTable table, DateOnly observationEnd, PeriodUnit unit, CancellationToken cancellationToken)
    {
        double per = PeriodUnits.DaysPer(unit);
        DateOnly last = observationEnd < table.EffectiveLatestDate ? observationEnd : table.EffectiveLatestDate;
        var rows = new List<DaysRow>();
        Run(connection, table.PurchaseSummaryQuery(), last.AddDays(1), $"the purchase-summary query on '{table.Table}'", cancellationToken, r => rows.Add(new DaysRow(
            DbValues.ToText(r.Value(0)),
            Count(r, 1),
            Day(r, 2),
            Day(r, 3),
            Money(r, 4, table.AmountScale),
            Money(r, 5, table.AmountScale),
            table.SequenceColumn is null ? 0 : Sequence(r, 6))));
        if (rows.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(observationEnd), observationEnd, $"No customer in '{table.Table}' bought on or before the observation end {observationEnd:yyyy-MM-dd}. Choose a later date.");
        }

        List<DaysRow> ordered = Ordered(rows, table.SequenceColumn is not null, r => r.Sequence, r => r.First.ToDateTime(TimeOnly.MinValue), r => r.Id);
        ImmutableArray<CustomerPurchases> records = [.. ordered.Select(r => PurchaseSummary.Summarise(r.Id, r.PurchaseDays, r.First, r.Last, r.Spend - r.FirstDaySpend, observationEnd, per))];
        return PurchaseSummary.Of(records, unit, observationEnd);
    }

    /// <summary>Customers by their first line: by sequence when the table has one, else by first timestamp, then id (ordinal).</summary>
    private static List<T> Ordered<T>(IEnumerable<T> rows, bool bySequence, Func<T, long> sequence, Func<T, DateTime> first, Func<T, string> id)
        => bySequence
            ? [.. rows.OrderBy(sequence)]
            : [.. rows.OrderBy(first).ThenBy(id, StringComparer.Ordinal)];

    private static void Run(DbConnection connection, string sql, DateOnly after, string description, CancellationToken cancellationToken, Action<DbRows> row)
    {
        ArgumentNullException.ThrowIfNull(connection);
        cancellationToken.ThrowIfCancellationRequested();
        using DbCommand command = DbRows.CreateCommand(connection, sql);
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = TransactionTable.EndParameter;
        parameter.Value = after;
        command.Parameters.Add(parameter);
        using DbDataReader reader = DbRows.Execute(command, description);
        var rows = new DbRows(reader, description, cancellationToken);
        while (rows.Read())
        {
            row(rows);
        }
    }

    private static DateTime Timestamp(DbRows rows, int column) => rows.Value(column) switch
    {
        DateTime t => t,
        DateTimeOffset t => t.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        string s when DateTime.TryParseExact(s.Trim(), [.. TransactionCsvOptions.Iso8601Formats], CultureInfo.InvariantCulture, TimestampStyles, out DateTime t) => t,
        var other => throw Unexpected(rows, column, other, "a date or timestamp (or ISO 8601 text)"),
    };

    private static DateOnly Day(DbRows rows, int column) => DateOnly.FromDateTime(Timestamp(rows, column));

    private static decimal Money(DbRows rows, int column, int scale)
    {
        object value = rows.Value(column);
        decimal amount;
        try
        {
            amount = value switch
            {
                decimal m => m,
                double d when double.IsFinite(d) => (decimal)d,
                float f when float.IsFinite(f) => (decimal)f,
                long or int or short or byte or sbyte or ulong or uint or ushort => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                System.Numerics.BigInteger b => (decimal)b,
                string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal m) => m,
                _ => throw Unexpected(rows, column, value, "a number"),
            };
        }
        catch (OverflowException e)
        {
            throw new DataFormatException($"{rows.Where(column)} of {rows.Description}: the sum {DbValues.ToText(value)} is beyond the range of a decimal amount (about ±7.9e28).", rows.Row, rows.Columns.Names[column], DbValues.ToText(value), e);
        }

        return scale == 0 ? amount : amount * new decimal(1, 0, 0, false, (byte)scale);
    }

    private static int Count(DbRows rows, int column) => rows.Value(column) switch
    {
        long or int or short or byte or decimal or ulong or uint => Convert.ToInt32(rows.Value(column), CultureInfo.InvariantCulture),
        System.Numerics.BigInteger b => (int)b,
        var other => throw Unexpected(rows, column, other, "a count"),
    };

    private static long Sequence(DbRows rows, int column) => rows.Value(column) switch
    {
        long or int or short or byte or decimal or ulong or uint or double => Convert.ToInt64(rows.Value(column), CultureInfo.InvariantCulture),
        var other => throw Unexpected(rows, column, other, "an integer line number (the sequence column)"),
    };

    private static DataFormatException Unexpected(DbRows rows, int column, object value, string expected)
    {
        string text = DbValues.ToText(value);
        string what = value is DBNull ? "NULL" : $"{DbValues.TypeName(value)} '{text}'";
        return new DataFormatException($"{rows.Where(column)} of {rows.Description}: expected {expected}, got {what}; check the types of the table's columns.", rows.Row, rows.Columns.Names[column], text);
    }
}
