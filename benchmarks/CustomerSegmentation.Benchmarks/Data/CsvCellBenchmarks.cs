using System.Globalization;
using BenchmarkDotNet.Attributes;
using CustomerSegmentation.Data.Csv;
using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Benchmarks.Data;

/// <summary>
/// Parsing 100,000 CSV cells of each kind the big readers meet (round-trip floats, money amounts, ISO timestamps) with
/// the runtime's parsers (the baselines) and with the readers' short paths.
/// </summary>
[MemoryDiagnoser]
public class CsvCellBenchmarks
{
    private const int Cells = 100_000;
    private const DateTimeStyles TimestampStyles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;
    private readonly CultureInfo _culture = CultureInfo.InvariantCulture;
    private string[] _floats = [];
    private string[] _amounts = [];
    private string[] _timestamps = [];
    private IsoTimestamp _iso = null!;

    /// <summary>Writes the cells from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _floats = [.. Enumerable.Range(0, Cells).Select(_ => ((float)random.NextDouble()).ToString("R", _culture))];
        _amounts = [.. Enumerable.Range(0, Cells).Select(_ => (random.Next(100, 25_000) / 100m).ToString(_culture))];
        var start = new DateTime(2024, 1, 1);
        _timestamps = [.. Enumerable.Range(0, Cells).Select(_ => start.AddSeconds(random.Next(0, 365 * 86_400)).ToString("yyyy-MM-ddTHH:mm:ss", _culture))];
        _iso = IsoTimestamp.For("yyyy-MM-ddTHH:mm:ss", _culture)!;
    }

    private delegate bool Parser<T>(string text, out T value);

    /// <summary>float.TryParse with NumberStyles.Float.</summary>
    [Benchmark(Baseline = true)]
    public double FloatRuntime() => Sum(_floats, (string t, out float v) => float.TryParse(t, NumberStyles.Float, _culture, out v), v => v);

    /// <summary>The reader's float short path.</summary>
    [Benchmark]
    public double FloatShortPath() => Sum(_floats, (string t, out float v) => CsvNumbers.TryParseFloat(t, _culture, out v), v => v);

    /// <summary>decimal.TryParse with NumberStyles.Float.</summary>
    [Benchmark]
    public double DecimalRuntime() => Sum(_amounts, (string t, out decimal v) => decimal.TryParse(t, NumberStyles.Float, _culture, out v), v => (double)v);

    /// <summary>The reader's decimal short path.</summary>
    [Benchmark]
    public double DecimalShortPath() => Sum(_amounts, (string t, out decimal v) => CsvNumbers.TryParseDecimal(t, _culture, out v), v => (double)v);

    /// <summary>DateTime.TryParseExact with the first ISO format.</summary>
    [Benchmark]
    public double TimestampRuntime()
        => Sum(_timestamps, (string t, out DateTime v) => DateTime.TryParseExact(t, "yyyy-MM-ddTHH:mm:ss", _culture, TimestampStyles, out v), v => v.Ticks);

    /// <summary>The reader's ISO timestamp short path.</summary>
    [Benchmark]
    public double TimestampShortPath() => Sum(_timestamps, (string t, out DateTime v) => _iso.TryParse(t, out v), v => v.Ticks);

    private static double Sum<T>(string[] cells, Parser<T> parse, Func<T, double> number)
    {
        double sum = 0;
        foreach (string text in cells)
        {
            _ = parse(text, out T value);
            sum += number(value);
        }

        return sum;
    }
}
