using System.Globalization;
using CsvHelper;
using CustomerSegmentation.Loyalty;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.DemoData;

/// <summary>
/// A seeded generator of realistic transaction lines for samples, tests and benchmarks. Each customer follows one
/// <see cref="LoyaltyPersona"/> (about 15% champions, 35% regulars, 20% new, 30% lapsed); an order has 1-3 lines; about 2%
/// of lines are returned a few days later (a negative line on order "R" + order id). Results are bit-identical for a seed.
/// </summary>
public static class SyntheticTransactions
{
    /// <summary>The CSV header written by <see cref="WriteCsv"/>; <see cref="CsvOptions"/> reads it back.</summary>
    public const string Header = "CustomerId,OrderId,Timestamp,Amount";

    /// <summary>Options that read what <see cref="WriteCsv"/> writes (order ids included).</summary>
    public static TransactionCsvOptions CsvOptions => new() { OrderIdColumn = "OrderId", Delimiter = "," };

    /// <summary>Generates the transactions of <paramref name="customers"/> customers over one year starting 2024-01-01, sorted by time.</summary>
    /// <param name="customers">The number of customers, at least 1.</param>
    /// <param name="seed">The seed of the Xoshiro256** generator.</param>
    /// <param name="start">The first day of the period; the default is 2024-01-01.</param>
    /// <param name="days">The length of the period in days, at least 90; the default is 365.</param>
    /// <returns>The lines in time order (ties in generation order); customer ids "C000001", ..., order ids "100001", ....</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is below 1 or <paramref name="days"/> below 90.</exception>
    public static IReadOnlyList<Transaction> Generate(int customers, int seed, DateOnly? start = null, int days = 365)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 90);
        var random = new Xoshiro256StarStar(seed);
        DateTime first = (start ?? new DateOnly(2024, 1, 1)).ToDateTime(TimeOnly.MinValue);
        var lines = new List<Transaction>(customers * 12);
        int nextOrder = 100_001;
        for (int c = 1; c <= customers; c++)
        {
            string id = "C" + c.ToString("D6", CultureInfo.InvariantCulture);
            LoyaltyPersona persona = PersonaOf(random.NextDouble());
            (int minOrders, int maxOrders, double fromDay, double toDay, decimal minValue, decimal maxValue) = persona switch
            {
                LoyaltyPersona.Champion => (15, 40, 0d, 1d, 80m, 250m),
                LoyaltyPersona.Regular => (4, 12, 0d, 1d, 30m, 120m),
                LoyaltyPersona.New => (1, 3, 1d - (60d / days), 1d, 20m, 100m),
                _ => (1, 5, 0d, 0.6, 20m, 80m),
            };

            int orders = random.Next(minOrders, maxOrders + 1);
            for (int o = 0; o < orders; o++)
            {
                double position = fromDay + (random.NextDouble() * (toDay - fromDay));
                if (persona == LoyaltyPersona.Champion && o == 0)
                {
                    position = 1d - (random.NextDouble() * 14d / days);
                }

                int day = Math.Min(days - 1, (int)(position * days));
                DateTime time = first.AddDays(day).AddSeconds(random.Next(8 * 3600, 20 * 3600));
                string order = (nextOrder++).ToString(CultureInfo.InvariantCulture);
                int lineCount = random.Next(1, 4);
                for (int l = 0; l < lineCount; l++)
                {
                    decimal amount = decimal.Round((minValue + ((decimal)random.NextDouble() * (maxValue - minValue))) / lineCount, 2);
                    lines.Add(new Transaction(id, time, amount, order));
                    if (random.NextDouble() < 0.02)
                    {
                        DateTime returned = time.AddDays(random.Next(1, 8));
                        if (returned < first.AddDays(days))
                        {
                            lines.Add(new Transaction(id, returned, -amount, "R" + order));
                        }
                    }
                }
            }
        }

        return [.. lines.Select((t, i) => (t, i)).OrderBy(p => p.t.Timestamp).ThenBy(p => p.i).Select(p => p.t)];
    }

    /// <summary>Writes transactions as CSV with the header <see cref="Header"/>: timestamps as yyyy-MM-ddTHH:mm:ss, amounts in the invariant culture.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteCsv(IEnumerable<Transaction> transactions, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = ',', NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        foreach (string name in Header.Split(','))
        {
            csv.WriteField(name);
        }

        csv.EndRecord();
        foreach (Transaction t in transactions)
        {
            csv.WriteField(t.CustomerId);
            csv.WriteField(t.OrderId ?? string.Empty);
            csv.WriteField(t.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            csv.WriteField(t.Amount.ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    private static LoyaltyPersona PersonaOf(double u) => u switch
    {
        < 0.15 => LoyaltyPersona.Champion,
        < 0.50 => LoyaltyPersona.Regular,
        < 0.70 => LoyaltyPersona.New,
        _ => LoyaltyPersona.Lapsed,
    };
}
