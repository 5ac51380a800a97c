using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Plotly;

/// <summary>Builds a <see cref="LoyaltyReport"/> from an <see cref="RfmResult"/>.</summary>
public static class LoyaltyReports
{
    /// <summary>
    /// The loyalty report of an RFM analysis: key figures, the RFM grid, the named segments, and, when the options
    /// carry them, spend tiers and their movements, lifetime values and a clustering of the customers.
    /// </summary>
    /// <param name="rfm">The RFM analysis.</param>
    /// <param name="options">The optional pieces and the title; the defaults of <see cref="LoyaltyReportOptions"/> when null.</param>
    /// <returns>The report, ready for <see cref="LoyaltyReport.Save"/> or <see cref="LoyaltyReport.ToHtml"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rfm"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// An option is about other customers than <paramref name="rfm"/> (tiers or clustering for other customers or in
    /// another order; lifetime values for a customer the RFM result lacks), a holdout is given without lifetime values or
    /// for another number of customers, or the clustering lacks Recency, Frequency or Monetary. The message names the problem.
    /// </exception>
    public static LoyaltyReport ToReport(this RfmResult rfm, LoyaltyReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        return new LoyaltyReport(rfm, options ?? new LoyaltyReportOptions());
    }
}
