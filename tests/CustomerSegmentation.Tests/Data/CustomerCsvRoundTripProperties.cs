using System.Globalization;

using CsvHelper;

using CustomerSegmentation.Data;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>A random customer table and the dialect it is written in.</summary>
public sealed record CsvCase(string[] Ids, float[][] Rows, string Delimiter, CultureInfo Culture)
{
    public string[] FeatureNames => [.. Enumerable.Range(0, Rows[0].Length).Select(j => $"Feature {j}")];

    public override string ToString()
        => $"{Rows.Length} rows x {Rows[0].Length}, delimiter '{Delimiter}', culture '{Culture.Name}', ids [{string.Join("|", Ids)}]";
}

public static class CsvCaseGenerators
{
    private static readonly char[] IdAlphabet = ['a', 'Z', '7', ',', ';', '"', ' ', 'é', '\n'];

    public static Arbitrary<CsvCase> Cases()
    {
        Gen<float> value = Gen.Choose(-2_000_000, 2_000_000).SelectMany(m => Gen.Choose(-3, 3).Select(e => (float)(m * Math.Pow(10, e))));
        Gen<string> id = Gen.Elements(IdAlphabet).ArrayOf().Select(cs => new string(cs).Trim());
        Gen<CsvCase> gen =
            from n in Gen.Choose(1, 25)
            from d in Gen.Choose(1, 4)
            from rows in value.ArrayOf(d).ArrayOf(n)
            from ids in id.ArrayOf(n)
            from delimiter in Gen.Elements(",", ";", "\t")
            from culture in Gen.Elements(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE"))
            select new CsvCase(ids, rows, delimiter, culture);
        return Arb.From(gen);
    }
}

public sealed class CustomerCsvRoundTripProperties
{
    [Property(Arbitrary = [typeof(CsvCaseGenerators)], MaxTest = 150)]
    public void Writing_a_table_and_reading_it_back_gives_the_same_values_and_ids(CsvCase table)
    {
        string text = Write(table);

        CustomerTable read = CsvText.Read(text, table.FeatureNames, new() { IdColumn = "Customer Id", Culture = table.Culture });

        Assert.Equal(table.Ids, read.Ids);
        Assert.Equal(table.FeatureNames, read.Features.FeatureNames);
        for (int i = 0; i < table.Rows.Length; i++)
        {
            for (int j = 0; j < table.Rows[i].Length; j++)
            {
                Assert.Equal(table.Rows[i][j], read.Features[i, j]);
            }
        }
    }

    private static string Write(CsvCase table)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Separator = table.Delimiter[0], FormatProvider = table.Culture }, leaveOpen: true))
        {
            csv.WriteField("Customer Id");
            foreach (string name in table.FeatureNames)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            for (int i = 0; i < table.Rows.Length; i++)
            {
                csv.WriteField(table.Ids[i]);
                foreach (float v in table.Rows[i])
                {
                    csv.WriteField(v.ToString("R", table.Culture));
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }
}
