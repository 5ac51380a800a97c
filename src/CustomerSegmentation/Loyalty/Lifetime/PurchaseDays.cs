using System.Runtime.InteropServices;

namespace CustomerSegmentation.Loyalty;

/// <summary>Each customer's purchase days in date order with the day's spend, up to an end day, customers in order of first line.</summary>
internal sealed class PurchaseDays
{
    private const int LinesPerCancellationCheck = 65_536;

    private readonly List<string> _ids = [];
    private readonly List<SortedDictionary<DateOnly, (decimal Spend, bool Purchase)>> _days = [];
    private (DateOnly Day, decimal Spend)[][] _purchaseDays = [];

    private PurchaseDays()
    {
    }

    /// <summary>The number of customers with a purchase day on or before the end.</summary>
    public int CustomerCount => _purchaseDays.Length;

    /// <summary>The first purchase day in the whole data (also after the end), or null without purchases.</summary>
    public DateOnly? FirstPurchase { get; private set; }

    /// <summary>Collects the purchase days of <paramref name="transactions"/> on or before <paramref name="end"/> (later lines only move <see cref="FirstPurchase"/>).</summary>
    public static PurchaseDays Collect(IReadOnlyList<Transaction> transactions, DateOnly end, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new PurchaseDays();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < transactions.Count; i++)
        {
            if (i % LinesPerCancellationCheck == LinesPerCancellationCheck - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Transaction t = transactions[i];
            DateOnly day = DateOnly.FromDateTime(t.Timestamp);
            if (!t.IsReturn && (result.FirstPurchase is not { } f || day < f))
            {
                result.FirstPurchase = day;
            }

            if (day > end)
            {
                continue;
            }

            ref int c = ref CollectionsMarshal.GetValueRefOrAddDefault(index, t.CustomerId, out bool known);
            if (!known)
            {
                c = result._ids.Count;
                result._ids.Add(t.CustomerId);
                result._days.Add([]);
            }

            SortedDictionary<DateOnly, (decimal Spend, bool Purchase)> days = result._days[c];
            days.TryGetValue(day, out var sofar);
            days[day] = (sofar.Spend + t.Amount, sofar.Purchase || !t.IsReturn);
        }

        var kept = new List<(DateOnly, decimal)[]>(result._ids.Count);
        var keptIds = new List<string>(result._ids.Count);
        for (int c = 0; c < result._ids.Count; c++)
        {
            (DateOnly, decimal)[] purchases = [.. result._days[c].Where(d => d.Value.Purchase).Select(d => (d.Key, d.Value.Spend))];
            if (purchases.Length > 0)
            {
                kept.Add(purchases);
                keptIds.Add(result._ids[c]);
            }
        }

        result._purchaseDays = [.. kept];
        result._ids.Clear();
        result._ids.AddRange(keptIds);
        result._days.Clear();
        return result;
    }

    /// <summary>The id of customer <paramref name="customer"/>.</summary>
    public string CustomerId(int customer) => _ids[customer];

    /// <summary>The purchase days of customer <paramref name="customer"/>, in date order, with the day's net spend.</summary>
    public ReadOnlySpan<(DateOnly Day, decimal Spend)> Of(int customer) => _purchaseDays[customer];

    /// <summary>The number of purchase days of customer <paramref name="customer"/> strictly after <paramref name="after"/>.</summary>
    public int CountAfter(int customer, DateOnly after)
    {
        int n = 0;
        foreach ((DateOnly day, _) in _purchaseDays[customer])
        {
            if (day > after)
            {
                n++;
            }
        }

        return n;
    }
}
