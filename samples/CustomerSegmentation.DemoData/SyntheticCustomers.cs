using System.Collections.Immutable;
using System.Globalization;

using CsvHelper;

using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.DemoData;

/// <summary>
/// A seeded generator of synthetic mall customers (id, genre, age, annual income, spending score) drawn from a
/// handful of realistic <see cref="Personas"/>, for demos, benchmarks and tests that need the true segments.
/// </summary>
public static class SyntheticCustomers
{
    /// <summary>The header of the public Mall Customers file, which <see cref="WriteCsv"/> writes.</summary>
    public const string CsvHeader = "CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)";

    /// <summary>The youngest age generated, in years.</summary>
    public const int MinAge = 18;

    /// <summary>The oldest age generated, in years.</summary>
    public const int MaxAge = 80;

    /// <summary>The lowest annual income generated, in k$.</summary>
    public const int MinIncome = 10;

    /// <summary>The highest annual income generated, in k$.</summary>
    public const int MaxIncome = 150;

    /// <summary>The lowest spending score.</summary>
    public const int MinScore = 1;

    /// <summary>The highest spending score.</summary>
    public const int MaxScore = 100;

    /// <summary>
    /// The five personas customers are drawn from, in index order (<see cref="SyntheticCustomer.Persona"/>).
    /// They are far enough apart in age, income and spending score that K-means with K = 5 on standardized features
    /// recovers them almost exactly.
    /// </summary>
    public static ImmutableArray<CustomerPersona> Personas { get; } =
    [
        new("Young big spenders", Share: 0.18, FemaleShare: 0.60, AgeMean: 25, AgeSpread: 3.5, IncomeMean: 82, IncomeSpread: 9, ScoreMean: 82, ScoreSpread: 6),
        new("Affluent savers", Share: 0.17, FemaleShare: 0.45, AgeMean: 44, AgeSpread: 6, IncomeMean: 95, IncomeSpread: 10, ScoreMean: 17, ScoreSpread: 6),
        new("Average mainstream", Share: 0.30, FemaleShare: 0.55, AgeMean: 40, AgeSpread: 6, IncomeMean: 55, IncomeSpread: 7, ScoreMean: 52, ScoreSpread: 6),
        new("Budget careful", Share: 0.17, FemaleShare: 0.50, AgeMean: 33, AgeSpread: 6, IncomeMean: 24, IncomeSpread: 6, ScoreMean: 18, ScoreSpread: 6),
        new("Retired modest", Share: 0.18, FemaleShare: 0.58, AgeMean: 68, AgeSpread: 4.5, IncomeMean: 38, IncomeSpread: 7, ScoreMean: 45, ScoreSpread: 7),
    ];

    /// <summary>
    /// Draws <paramref name="count"/> customers. The same count and seed always give the same customers
    /// (Xoshiro256** random numbers, normal draws rounded to whole numbers and clamped to
    /// <see cref="MinAge"/>..<see cref="MaxAge"/>, <see cref="MinIncome"/>..<see cref="MaxIncome"/>,
    /// <see cref="MinScore"/>..<see cref="MaxScore"/>).
    /// </summary>
    /// <param name="count">How many customers to draw; at least 1. The default is 1,000.</param>
    /// <param name="seed">The random seed. The default is 42.</param>
    /// <returns>The customers, with ids C00001, C00002, ... in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static ImmutableArray<SyntheticCustomer> Generate(int count = 1000, int seed = 42)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be at least 1 customer, but was {count}.");
        }

        var random = new Xoshiro256StarStar(seed);
        var customers = ImmutableArray.CreateBuilder<SyntheticCustomer>(count);
        for (int i = 0; i < count; i++)
        {
            int p = DrawPersona(random);
            CustomerPersona persona = Personas[p];
            string genre = random.NextDouble() < persona.FemaleShare ? "Female" : "Male";
            int age = Draw(random, persona.AgeMean, persona.AgeSpread, MinAge, MaxAge);
            int income = Draw(random, persona.IncomeMean, persona.IncomeSpread, MinIncome, MaxIncome);
            int score = Draw(random, persona.ScoreMean, persona.ScoreSpread, MinScore, MaxScore);
            customers.Add(new SyntheticCustomer(FormatId(i + 1), genre, age, income, score, p));
        }

        return customers.MoveToImmutable();
    }

    /// <summary>
    /// Writes customers as CSV with the Mall Customers header (<see cref="CsvHeader"/>), one row per customer,
    /// numbers in the invariant culture. The persona is not written. The writer is flushed but not closed.
    /// </summary>
    /// <param name="customers">The customers to write.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteCsv(IEnumerable<SyntheticCustomer> customers, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = ',', NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        foreach (string field in CsvHeader.Split(','))
        {
            csv.WriteField(field);
        }

        csv.EndRecord();
        foreach (SyntheticCustomer customer in customers)
        {
            csv.WriteField(customer.Id);
            csv.WriteField(customer.Genre);
            csv.WriteField(customer.Age.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(customer.AnnualIncomeThousands.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(customer.SpendingScore.ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }

        csv.Flush();
    }

    private static string FormatId(int number) => "C" + number.ToString("D5", CultureInfo.InvariantCulture);

    private static int DrawPersona(Random random)
    {
        double u = random.NextDouble();
        double cumulative = 0;
        for (int p = 0; p < Personas.Length - 1; p++)
        {
            cumulative += Personas[p].Share;
            if (u < cumulative)
            {
                return p;
            }
        }

        return Personas.Length - 1;
    }

    private static int Draw(Random random, double mean, double spread, int min, int max)
        => Math.Clamp((int)Math.Round(Normal.Sample(random, mean, spread)), min, max);
}
