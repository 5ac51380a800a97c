using CustomerSegmentation.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.DemoData;

/// <summary>
/// Seeded customers with numeric and categorical features and known groups, for K-prototypes demos, tests and
/// benchmarks: three numeric features drawn around a group centre (or, without numeric signal, around one shared
/// centre) and two categorical features whose level is the group's own with probability <c>purity</c>, any level otherwise.
/// </summary>
public static class SyntheticMixedCustomers
{
    /// <summary>The numeric feature names.</summary>
    public static IReadOnlyList<string> NumericNames { get; } = ["Recency", "Frequency", "Spend"];

    /// <summary>The categorical feature names.</summary>
    public static IReadOnlyList<string> CategoricalNames { get; } = ["Channel", "Region"];

    /// <summary>Draws <paramref name="rows"/> customers from <paramref name="groups"/> equally likely groups.</summary>
    /// <param name="rows">The number of customers, at least 1.</param>
    /// <param name="groups">The number of groups, at least 1; each categorical feature has <paramref name="groups"/> + 1 levels.</param>
    /// <param name="seed">The seed; the same seed gives the same customers.</param>
    /// <param name="numericSignal">True: group centres 6 apart on every numeric feature (unit spread); false: one centre for all, the numeric features carry no group signal.</param>
    /// <param name="purity">The probability that a categorical value is the group's own level, in [0, 1].</param>
    /// <returns>The customers and their true groups.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or <paramref name="purity"/> is outside [0, 1].</exception>
    public static MixedCustomers Generate(int rows, int groups, int seed, bool numericSignal = true, double purity = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        if (!(purity >= 0 && purity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(purity), purity, "The purity must be a probability in [0, 1].");
        }

        var random = new Xoshiro256StarStar(seed);
        var centres = new double[groups, NumericNames.Count];
        for (int g = 0; g < groups; g++)
        {
            for (int j = 0; j < NumericNames.Count; j++)
            {
                centres[g, j] = numericSignal ? 6.0 * ((g + j) % groups) : 0;
            }
        }

        int levels = groups + 1;
        var numeric = NumericNames.Select(_ => new double[rows]).ToArray();
        var categories = CategoricalNames.Select(_ => new string[rows]).ToArray();
        var truth = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            int g = random.Next(groups);
            truth[i] = g;
            for (int j = 0; j < numeric.Length; j++)
            {
                numeric[j][i] = centres[g, j] + Normal.Sample(random, 0, 1);
            }

            for (int f = 0; f < categories.Length; f++)
            {
                int level = random.NextDouble() < purity ? (g + f) % groups : random.Next(levels);
                categories[f][i] = $"{CategoricalNames[f][0]}{level}";
            }
        }

        return new MixedCustomers(numeric, categories, truth);
    }
}

/// <summary>Customers from <see cref="SyntheticMixedCustomers"/>: numeric columns, categorical columns and the true groups.</summary>
/// <param name="Numeric">One array per numeric feature (<see cref="SyntheticMixedCustomers.NumericNames"/>), one value per customer.</param>
/// <param name="Categories">One array per categorical feature (<see cref="SyntheticMixedCustomers.CategoricalNames"/>), one level per customer.</param>
/// <param name="Truth">Each customer's true group, 0 to groups - 1.</param>
public sealed record MixedCustomers(double[][] Numeric, string[][] Categories, int[] Truth)
{
    /// <summary>The customers as a matrix: the numeric columns with the categorical features beside them.</summary>
    /// <returns>The matrix.</returns>
    public FeatureMatrix ToFeatureMatrix()
        => FeatureMatrix.FromColumns(Numeric, [.. SyntheticMixedCustomers.NumericNames])
            .WithCategoricals(SyntheticMixedCustomers.CategoricalNames.Select((name, f) => CategoricalColumn.FromValues(name, Categories[f])));

    /// <summary>The customers as a table: numeric features, and the categorical features as attributes (as a CSV reader delivers them).</summary>
    /// <returns>The table.</returns>
    public CustomerTable ToCustomerTable()
        => CustomerTable.FromFeatures(
            FeatureMatrix.FromColumns(Numeric, [.. SyntheticMixedCustomers.NumericNames]),
            attributes: SyntheticMixedCustomers.CategoricalNames.Select((name, f) => (name, (IReadOnlyList<string>)Categories[f])).ToDictionary(p => p.name, p => p.Item2));
}
