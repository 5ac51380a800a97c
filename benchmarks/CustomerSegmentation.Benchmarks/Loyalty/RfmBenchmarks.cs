using System.Text;
using BenchmarkDotNet.Attributes;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Benchmarks.Loyalty;

/// <summary>
/// One million synthetic transaction lines (about 61,000 customers, seed 1) from CSV bytes to the scored RFM table:
/// CsvHelper parsing, hygiene, decimal sums, distinct orders, quintiles and segments.
/// </summary>
[MemoryDiagnoser]
public class RfmBenchmarks
{
    /// <summary>The number of CSV rows read per operation.</summary>
    public const int Rows = 1_000_000;

    private byte[] _csv = [];

    /// <summary>Generates the lines and writes them as UTF-8 CSV in memory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var lines = SyntheticTransactions.Generate(61_000, seed: 1).Take(Rows).ToList();
        if (lines.Count != Rows)
        {
            throw new InvalidOperationException($"The generator made {lines.Count} lines; {Rows} are needed.");
        }

        var writer = new StringWriter();
        SyntheticTransactions.WriteCsv(lines, writer);
        _csv = Encoding.UTF8.GetBytes(writer.ToString());
    }

    /// <summary>Reads the CSV (returns netted) and computes the RFM table.</summary>
    [Benchmark]
    public RfmResult CsvToRfm()
    {
        using var stream = new MemoryStream(_csv, writable: false);
        var options = new TransactionCsvOptions { OrderIdColumn = "OrderId", Returns = ReturnsPolicy.NetAgainstPurchases };
        TransactionSet set = TransactionCsv.Read(stream, options);
        return new RfmAnalyzer().Analyze(set);
    }
}
