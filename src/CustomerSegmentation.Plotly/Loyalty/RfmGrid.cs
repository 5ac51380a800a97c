using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Plotly.Loyalty;

/// <summary>
/// The RFM grid: for each Recency score R and Frequency score F (1..5) the number of customers in that cell and their
/// revenue (the sum of their Monetary). Rows are R 1..5, columns F 1..5; every customer is in exactly one cell.
/// </summary>
internal sealed class RfmGrid
{
    /// <summary>The number of scores per axis.</summary>
    public const int Size = 5;

    private RfmGrid(int[][] customers, decimal[][] revenue)
    {
        Customers = customers;
        Revenue = revenue;
    }

    /// <summary>Customers[r - 1][f - 1]: how many customers have R score r and F score f.</summary>
    public int[][] Customers { get; }

    /// <summary>Revenue[r - 1][f - 1]: the total Monetary of those customers (exact).</summary>
    public decimal[][] Revenue { get; }

    public static RfmGrid Of(RfmResult rfm)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        int[][] customers = [.. Enumerable.Range(0, Size).Select(_ => new int[Size])];
        decimal[][] revenue = [.. Enumerable.Range(0, Size).Select(_ => new decimal[Size])];
        foreach (RfmRecord record in rfm.Records)
        {
            customers[record.RecencyScore - 1][record.FrequencyScore - 1]++;
            revenue[record.RecencyScore - 1][record.FrequencyScore - 1] += record.Monetary;
        }

        return new RfmGrid(customers, revenue);
    }
}
