using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.DemoData;

namespace CustomerSegmentation.Tests.DemoData;

public sealed class SyntheticCustomersTests
{
    [Fact]
    public void Same_seed_gives_identical_customers()
    {
        Assert.Equal(SyntheticCustomers.Generate(500, seed: 7).ToArray(), SyntheticCustomers.Generate(500, seed: 7).ToArray());
    }

    [Fact]
    public void Different_seeds_give_different_customers()
    {
        ImmutableArray<SyntheticCustomer> a = SyntheticCustomers.Generate(200, seed: 1);
        ImmutableArray<SyntheticCustomer> b = SyntheticCustomers.Generate(200, seed: 2);
        int differing = a.Zip(b).Count(pair => pair.First != pair.Second);
        Assert.True(differing > 150, $"only {differing} of 200 customers differ between seeds 1 and 2");
    }

    [Fact]
    public void A_shorter_run_is_a_prefix_of_a_longer_run_with_the_same_seed()
    {
        Assert.Equal(SyntheticCustomers.Generate(50, seed: 3).ToArray(), SyntheticCustomers.Generate(120, seed: 3).Take(50).ToArray());
    }

    [Fact]
    public void Every_value_is_in_its_realistic_range_and_ids_are_numbered_in_order()
    {
        ImmutableArray<SyntheticCustomer> customers = SyntheticCustomers.Generate(5000, seed: 11);
        Assert.Equal(5000, customers.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            SyntheticCustomer c = customers[i];
            Assert.Equal("C" + (i + 1).ToString("D5", CultureInfo.InvariantCulture), c.Id);
            Assert.Contains(c.Genre, new[] { "Female", "Male" });
            Assert.InRange(c.Age, SyntheticCustomers.MinAge, SyntheticCustomers.MaxAge);
            Assert.InRange(c.AnnualIncomeThousands, SyntheticCustomers.MinIncome, SyntheticCustomers.MaxIncome);
            Assert.InRange(c.SpendingScore, SyntheticCustomers.MinScore, SyntheticCustomers.MaxScore);
            Assert.InRange(c.Persona, 0, SyntheticCustomers.Personas.Length - 1);
        }

        Assert.Equal(5000, customers.Select(c => c.Id).Distinct().Count());
        Assert.Contains(customers, c => c.Genre == "Female");
        Assert.Contains(customers, c => c.Genre == "Male");
    }

    [Fact]
    public void Personas_are_five_named_kinds_whose_shares_sum_to_one()
    {
        Assert.Equal(5, SyntheticCustomers.Personas.Length);
        Assert.Equal(5, SyntheticCustomers.Personas.Select(p => p.Name).Distinct().Count());
        Assert.Equal(1.0, SyntheticCustomers.Personas.Sum(p => p.Share), 12);
    }

    [Fact]
    public void Every_persona_appears_in_about_its_share()
    {
        const int n = 20_000;
        ImmutableArray<SyntheticCustomer> customers = SyntheticCustomers.Generate(n, seed: 5);
        for (int p = 0; p < SyntheticCustomers.Personas.Length; p++)
        {
            double observed = customers.Count(c => c.Persona == p) / (double)n;
            // Binomial standard error at n = 20,000 is below 0.0035; 0.015 is more than four of them.
            Assert.InRange(observed, SyntheticCustomers.Personas[p].Share - 0.015, SyntheticCustomers.Personas[p].Share + 0.015);
        }
    }

    [Fact]
    public void Personas_are_separated_nearly_every_customer_is_closest_to_its_own_persona_mean()
    {
        ImmutableArray<SyntheticCustomer> customers = SyntheticCustomers.Generate(5000, seed: 42);
        double[][] rows = customers.Select(c => new double[] { c.Age, c.AnnualIncomeThousands, c.SpendingScore }).ToArray();
        double[] mean = new double[3];
        double[] sd = new double[3];
        for (int j = 0; j < 3; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            sd[j] = Math.Sqrt(rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
        }

        double[][] centres = SyntheticCustomers.Personas
            .Select(p => new[] { (p.AgeMean - mean[0]) / sd[0], (p.IncomeMean - mean[1]) / sd[1], (p.ScoreMean - mean[2]) / sd[2] })
            .ToArray();
        int correct = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            double[] z = [(rows[i][0] - mean[0]) / sd[0], (rows[i][1] - mean[1]) / sd[1], (rows[i][2] - mean[2]) / sd[2]];
            int nearest = Enumerable.Range(0, centres.Length)
                .MinBy(k => centres[k].Select((c, j) => (c - z[j]) * (c - z[j])).Sum());
            if (nearest == customers[i].Persona)
            {
                correct++;
            }
        }

        Assert.True(correct >= 0.98 * rows.Length, $"only {correct} of {rows.Length} customers are nearest their own persona's mean");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_count_below_one_is_rejected_naming_the_count(int count)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCustomers.Generate(count));
        Assert.Equal("count", e.ParamName);
        Assert.Contains($"at least 1 customer, but was {count}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCsv_writes_the_mall_header_and_one_row_per_customer()
    {
        ImmutableArray<SyntheticCustomer> customers =
        [
            new("C00001", "Female", 23, 81, 77, 0),
            new("C00002", "Male", 67, 35, 41, 4),
        ];
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        SyntheticCustomers.WriteCsv(customers, writer);
        string[] lines = writer.ToString().Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)", "C00001,Female,23,81,77", "C00002,Male,67,35,41"],
            lines);
    }

    [Fact]
    public void WriteCsv_rejects_null_arguments()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal("customers", Assert.Throws<ArgumentNullException>(() => SyntheticCustomers.WriteCsv(null!, writer)).ParamName);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => SyntheticCustomers.WriteCsv([], null!)).ParamName);
    }
}
