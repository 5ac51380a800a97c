using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Export;

/// <summary>
/// The exports of lifetime value: the per-customer table of a <see cref="LifetimeValueResult"/> as CSV and JSON, and the
/// fitted parameters as JSON (camelCase; not-finite numbers as null). Text uses the invariant culture.
/// </summary>
public static class LifetimeValueExports
{
    private static readonly string[] CustomerHeader = ["CustomerId", "Frequency", "Recency", "T", "ProbabilityAlive", "ExpectedPurchases", "ExpectedAverageSpend", "Clv"];

    /// <summary>
    /// Writes one CSV row per customer: CustomerId, Frequency (x), Recency (t_x), T, ProbabilityAlive, ExpectedPurchases
    /// (over <see cref="LifetimeValueOptions.PredictionPeriods"/>), ExpectedAverageSpend and Clv; numbers round-trip.
    /// </summary>
    /// <param name="result">The lifetime values.</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked before anything is written and every 4,096 customers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; what was written so far stays in <paramref name="writer"/>.</exception>
    public static void WriteCustomersCsv(this LifetimeValueResult result, TextWriter writer, CsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        IEnumerable<string[]> rows = result.Customers.Select(c => new[]
        {
            c.CustomerId, ExportText.Number(c.Frequency), ExportText.Number(c.Recency), ExportText.Number(c.Age),
            ExportText.Number(c.ProbabilityAlive), ExportText.Number(c.ExpectedPurchases), ExportText.Number(c.ExpectedAverageSpend), ExportText.Number(c.Clv),
        });
        CsvTable.Write(writer, CustomerHeader, rows, c => c != 0, options, cancellationToken);
    }

    /// <summary>The per-customer table as an indented JSON array (camelCase properties, the fields of <see cref="CustomerLifetimeValue"/>).</summary>
    /// <param name="result">The lifetime values.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToCustomersJson(this LifetimeValueResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ExportJson.Serialize(result.Customers.Select(c => new
        {
            c.CustomerId,
            c.Frequency,
            c.Recency,
            T = c.Age,
            c.ProbabilityAlive,
            c.ExpectedPurchases,
            c.ExpectedAverageSpend,
            c.Clv,
        }));
    }

    /// <summary>
    /// The two fits as indented JSON: unit, horizon, discount rate, then for BG/NBD and Gamma-Gamma the estimates with
    /// standard errors, log-likelihood, convergence, method and warnings, and the spend/frequency correlation.
    /// </summary>
    /// <param name="result">The lifetime values.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToModelJson(this LifetimeValueResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        static object Estimates(IEnumerable<ParameterEstimate> estimates)
            => estimates.Select(e => new { e.Name, e.Value, StandardError = e.StandardError is { } se ? ExportJson.Finite(se) : null });
        return ExportJson.Serialize(new
        {
            result.Unit,
            result.Options.HorizonMonths,
            result.Options.MonthlyDiscountRate,
            result.Options.PredictionPeriods,
            BgNbd = new
            {
                Parameters = Estimates(result.Purchases.Estimates),
                result.Purchases.LogLikelihood,
                result.Purchases.Converged,
                result.Purchases.Method,
                result.Purchases.Customers,
                result.Purchases.Warnings,
            },
            GammaGamma = new
            {
                Parameters = Estimates(result.Spend.Estimates),
                result.Spend.LogLikelihood,
                result.Spend.Converged,
                result.Spend.Method,
                result.Spend.RepeatBuyers,
                result.Spend.SpendFrequencyCorrelation,
                result.Spend.Warnings,
            },
        });
    }
}
