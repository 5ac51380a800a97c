using System.Text;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Data;

/// <summary>Reads customer CSV text held in a string, the way the tests need it.</summary>
internal static class CsvText
{
    public static readonly string[] MallFeatures = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];

    public static CustomerTable Read(string text, IReadOnlyList<string> features, CustomerCsvOptions? options = null)
        => CustomerCsv.Read(new StringReader(text), features, options);

    public static CustomerTable ReadBytes(byte[] bytes, IReadOnlyList<string> features, CustomerCsvOptions? options = null)
    {
        using var stream = new MemoryStream(bytes);
        return CustomerCsv.Read(stream, features, options);
    }

    public static byte[] Utf8(string text, bool bom)
        => bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    public static DataFormatException Fails(string text, IReadOnlyList<string> features, CustomerCsvOptions? options = null)
        => Assert.Throws<DataFormatException>(() => Read(text, features, options));
}
