using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Loyalty;

/// <summary>One spend band: customers whose annualised spend is at least <paramref name="LowerBound"/> and below the next tier's lower bound.</summary>
/// <param name="Name">The tier name, e.g. "Gold".</param>
/// <param name="LowerBound">The lowest annualised spend of the tier, inclusive, in the currency of the data.</param>
public sealed record SpendTier(string Name, decimal LowerBound);

/// <summary>The customers of one spend tier, summarised.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="UpperBound">The tier's exclusive upper bound (the next tier's lower bound), or null for the top tier.</param>
/// <param name="CustomerCount">How many customers it holds (may be 0).</param>
/// <param name="Share">Its share of all customers, 0..1.</param>
/// <param name="TotalMonetary">The sum of its customers' Monetary (spend in the analysed period).</param>
/// <param name="TotalAnnualisedSpend">The sum of its customers' annualised spend.</param>
public sealed record SpendTierSummary(SpendTier Tier, decimal? UpperBound, int CustomerCount, double Share, decimal TotalMonetary, decimal TotalAnnualisedSpend);

/// <summary>The tier of every customer of an <see cref="RfmResult"/> and a summary per tier.</summary>
public sealed class SpendTierAssignment
{
    internal SpendTierAssignment(ImmutableArray<string> customerIds, ImmutableArray<string> tiers, ImmutableArray<SpendTierSummary> summaries)
    {
        CustomerIds = customerIds;
        Tiers = tiers;
        Summaries = summaries;
    }

    /// <summary>The customer ids, in the order of <see cref="RfmResult.Records"/>.</summary>
    public ImmutableArray<string> CustomerIds { get; }

    /// <summary>The tier name of each customer, same order.</summary>
    public ImmutableArray<string> Tiers { get; }

    /// <summary>One summary per tier, lowest tier first.</summary>
    public ImmutableArray<SpendTierSummary> Summaries { get; }
}

/// <summary>
/// Validated spend bands on annualised spend (<see cref="RfmRecord.AnnualisedSpend"/>), e.g. Bronze, Silver, Gold = 2,500 to
/// 5,000, Platinum. Bands are given by their lower bounds, strictly increasing, so they never overlap and leave no gap;
/// the lowest tier must start at 0 and also holds customers whose net spend is negative.
/// </summary>
public sealed class SpendTiers
{
    /// <summary>Creates tiers from their names and lower bounds.</summary>
    /// <param name="tiers">The tiers, lowest first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> or a tier is null.</exception>
    /// <exception cref="ArgumentException">No tiers; a blank or duplicate name (case-insensitive); the first lower bound is not 0; lower bounds not strictly increasing.</exception>
    public SpendTiers(IEnumerable<SpendTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ImmutableArray<SpendTier> list = [.. tiers];
        if (list.IsEmpty)
        {
            throw new ArgumentException("At least one spend tier is required.", nameof(tiers));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < list.Length; i++)
        {
            SpendTier tier = list[i] ?? throw new ArgumentNullException(nameof(tiers), $"Spend tier {i} is null.");
            if (string.IsNullOrWhiteSpace(tier.Name))
            {
                throw new ArgumentException($"Spend tier {i} has a blank name.", nameof(tiers));
            }

            if (!names.Add(tier.Name))
            {
                throw new ArgumentException($"The spend tier name '{tier.Name}' appears twice; tier names must be unique (case-insensitive).", nameof(tiers));
            }

            if (i == 0 && tier.LowerBound != 0m)
            {
                throw new ArgumentException(
                    $"The lowest spend tier '{tier.Name}' starts at {Format(tier.LowerBound)}; it must start at 0 so every customer has a tier (it also takes negative net spend).",
                    nameof(tiers));
            }

            if (i > 0 && tier.LowerBound <= list[i - 1].LowerBound)
            {
                throw new ArgumentException(
                    $"Spend tier '{tier.Name}' starts at {Format(tier.LowerBound)}, not above '{list[i - 1].Name}' at {Format(list[i - 1].LowerBound)}; list tiers lowest first with strictly increasing lower bounds.",
                    nameof(tiers));
            }
        }

        Tiers = list;
    }

    /// <summary>Bronze from 0, Silver from 1,000, Gold from 2,500 (to 5,000), Platinum from 5,000 a year.</summary>
    public static SpendTiers Default { get; } = new([new("Bronze", 0m), new("Silver", 1_000m), new("Gold", 2_500m), new("Platinum", 5_000m)]);

    /// <summary>The tiers, lowest first.</summary>
    public ImmutableArray<SpendTier> Tiers { get; }

    /// <summary>The tier holding an annualised spend of <paramref name="annualisedSpend"/> (the lowest tier for anything below the second tier's bound).</summary>
    /// <param name="annualisedSpend">The spend per year, in currency.</param>
    /// <returns>The tier.</returns>
    public SpendTier TierOf(decimal annualisedSpend)
    {
        for (int i = Tiers.Length - 1; i > 0; i--)
        {
            if (annualisedSpend >= Tiers[i].LowerBound)
            {
                return Tiers[i];
            }
        }

        return Tiers[0];
    }

    /// <summary>
    /// Each customer's net spend and earned tier in every window of <paramref name="windows"/> (calendar years or rolling
    /// twelve months), the tier held through the following window, and the movements between consecutive windows.
    /// </summary>
    /// <param name="transactions">The purchases and refunds (negative amounts), in any order; those outside the windows are ignored.</param>
    /// <param name="windows">The consecutive windows, e.g. <see cref="SpendWindows.CalendarYears"/>.</param>
    /// <param name="cancellationToken">Checked before any transaction is read and every 4,096 transactions.</param>
    /// <returns>The history; see <see cref="SpendTierHistory"/> for the rules.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> or <paramref name="windows"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no transactions; a customer id is blank; no transaction falls in the
    /// windows (the message gives the windows and the transactions' dates); or a customer's spend in a window overflows decimal.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public SpendTierHistory History(IReadOnlyList<Transaction> transactions, SpendWindows windows, CancellationToken cancellationToken = default)
        => SpendTierHistory.Compute(this, transactions, windows, cancellationToken);

    /// <summary>The spend tier history of the transactions kept from a file; see <see cref="History(IReadOnlyList{Transaction}, SpendWindows, CancellationToken)"/>.</summary>
    /// <param name="transactions">The transactions read by <see cref="TransactionCsv"/>.</param>
    /// <param name="windows">The consecutive windows, e.g. <see cref="SpendWindows.CalendarYears"/>.</param>
    /// <param name="cancellationToken">Checked before any transaction is read and every 4,096 transactions.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> or <paramref name="windows"/> is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="History(IReadOnlyList{Transaction}, SpendWindows, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public SpendTierHistory History(TransactionSet transactions, SpendWindows windows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return History(transactions.Transactions, windows, cancellationToken);
    }

    /// <summary>0 for no tier (null), otherwise 1 + the tier's place, lowest first.</summary>
    internal int RankOf(SpendTier? tier) => tier is null ? 0 : Tiers.IndexOf(tier) + 1;

    /// <summary>Puts every customer of <paramref name="result"/> in a tier by <see cref="RfmRecord.AnnualisedSpend"/> and summarises each tier.</summary>
    /// <param name="result">The RFM analysis whose customers are tiered.</param>
    /// <returns>Each customer's tier and a summary per tier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public SpendTierAssignment Assign(RfmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var index = Tiers.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var counts = new int[Tiers.Length];
        var monetary = new decimal[Tiers.Length];
        var annual = new decimal[Tiers.Length];
        var names = ImmutableArray.CreateBuilder<string>(result.Records.Length);
        foreach (RfmRecord record in result.Records)
        {
            SpendTier tier = TierOf(record.AnnualisedSpend);
            int i = index[tier];
            counts[i]++;
            monetary[i] += record.Monetary;
            annual[i] += record.AnnualisedSpend;
            names.Add(tier.Name);
        }

        int total = result.Records.Length;
        ImmutableArray<SpendTierSummary> summaries =
        [
            .. Tiers.Select((t, i) => new SpendTierSummary(
                t,
                i + 1 < Tiers.Length ? Tiers[i + 1].LowerBound : null,
                counts[i],
                total == 0 ? 0d : (double)counts[i] / total,
                monetary[i],
                annual[i])),
        ];
        return new SpendTierAssignment(result.CustomerIds, names.MoveToImmutable(), summaries);
    }

    private static string Format(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
