using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Clustering.Streaming;

/// <summary>The map and reduce of one Lloyd step.</summary>
public sealed class KMeansPartialSumsTests
{
    private static readonly FeatureMatrix Square = FeatureMatrix.FromRows([[0, 0], [0.5, 0], [0.5, 1], [1, 1]], ["x", "y"]);

    [Fact]
    public void Sums_counts_and_inertia_of_the_square_by_hand()
    {
        KMeansPartialSums sums = KMeansPartialSums.Compute(Square, new double[,] { { 0, 0 }, { 1, 1 } }, [0, 0]);

        Assert.Equal(2, sums.Count(0));
        Assert.Equal(2, sums.Count(1));
        Assert.Equal([0.5, 0], [sums.Sum(0, 0), sums.Sum(0, 1)]);
        Assert.Equal([1.5, 2], [sums.Sum(1, 0), sums.Sum(1, 1)]);
        Assert.Equal(0.25, sums.Inertia(0));
        Assert.Equal(0.25, sums.Inertia(1));
        Assert.Equal(0.5, sums.TotalInertia);
        Assert.Equal([0.25, 0], sums.Centroid(0)!);
        Assert.Equal([0.75, 1], sums.Centroid(1)!);
        Assert.Equal(4, sums.RowCount);
    }

    [Fact]
    public void Sums_are_taken_from_the_origin()
    {
        KMeansPartialSums sums = KMeansPartialSums.Compute(Square, new double[,] { { 0, 0 }, { 1, 1 } }, [1, 2]);

        Assert.Equal([-1.5, -4], [sums.Sum(0, 0), sums.Sum(0, 1)]);
        Assert.Equal([0.25, 0], sums.Centroid(0)!);
        Assert.Equal(0.25, sums.Inertia(0));
    }

    [Fact]
    public void A_row_halfway_goes_to_the_lower_centre_and_an_empty_centre_has_no_centroid()
    {
        FeatureMatrix half = FeatureMatrix.FromRows([[0.5]], ["x"]);
        KMeansPartialSums sums = KMeansPartialSums.Compute(half, new double[,] { { 0 }, { 1 }, { 9 } }, [0]);

        Assert.Equal([1L, 0, 0], [sums.Count(0), sums.Count(1), sums.Count(2)]);
        Assert.Null(sums.Centroid(1)!);
    }

    public static class Splits
    {
        public static Arbitrary<(int Rows, int Cut, int K, int Seed)> Problems() => Arb.From(
            from rows in Gen.Choose(2, 3000)
            from cut in Gen.Choose(1, rows - 1)
            from k in Gen.Choose(1, 6)
            from seed in Gen.Choose(0, 500)
            select (rows, cut, k, seed));
    }

    /// <summary>The law of the reduce: the sums of two disjoint parts merged are the sums of their union.</summary>
    [Property(Arbitrary = [typeof(Splits)], MaxTest = 60)]
    public void Merging_the_sums_of_two_parts_gives_the_sums_of_the_whole((int Rows, int Cut, int K, int Seed) problem)
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(problem.Rows, 3, 4, problem.Seed));
        var random = new Random(problem.Seed);
        var centres = new double[problem.K, 3];
        for (int k = 0; k < problem.K; k++)
        {
            for (int j = 0; j < 3; j++)
            {
                centres[k, j] = (random.NextDouble() * 20) - 10;
            }
        }

        double[] origin = [0.5, -1, 2];
        KMeansPartialSums whole = KMeansPartialSums.Compute(data, centres, origin);
        KMeansPartialSums merged = KMeansPartialSums.Compute(data.SelectRows([.. Enumerable.Range(0, problem.Cut)]), centres, origin)
            .Merge(KMeansPartialSums.Compute(data.SelectRows([.. Enumerable.Range(problem.Cut, problem.Rows - problem.Cut)]), centres, origin));

        for (int k = 0; k < problem.K; k++)
        {
            Assert.Equal(whole.Count(k), merged.Count(k));
            Assert.Equal(whole.Inertia(k), merged.Inertia(k), 1e-9 * (1 + whole.Inertia(k)));
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(whole.Sum(k, j), merged.Sum(k, j), 1e-4 * (1 + Math.Abs(whole.Sum(k, j))));
            }
        }
    }

    [Fact]
    public void Merge_of_a_list_adds_in_order_and_the_result_does_not_depend_on_threads()
    {
        FeatureMatrix data = RandomData.Matrix(RandomData.Blobs(40_000, 3, 5, seed: 4));
        var centres = new double[,] { { 0, 0, 0 }, { 5, 5, 5 }, { -5, 2, 1 } };
        KMeansPartialSums[] parts = [.. FeatureChunks.Split(data, 9000).ReadChunks().Select(c => KMeansPartialSums.Compute(c, centres, [0, 0, 0], 1))];
        KMeansPartialSums again = KMeansPartialSums.Merge(FeatureChunks.Split(data, 9000).ReadChunks().Select(c => KMeansPartialSums.Compute(c, centres, [0, 0, 0], -1)));
        KMeansPartialSums byHand = parts[0].Merge(parts[1]).Merge(parts[2]).Merge(parts[3]).Merge(parts[4]);

        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(byHand.Count(k), again.Count(k));
            Assert.Equal(byHand.Inertia(k), again.Inertia(k));
            Assert.Equal(byHand.Centroid(k), again.Centroid(k));
        }

        Assert.Equal(data.RowCount, again.RowCount);
    }

    [Fact]
    public void Bad_arguments_are_refused_naming_the_problem()
    {
        Assert.Contains("2 features", Assert.Throws<ArgumentException>(() => KMeansPartialSums.Compute(Square, new double[,] { { 0 } }, [0, 0])).Message, StringComparison.Ordinal);
        Assert.Contains("origin has 1 values", Assert.Throws<ArgumentException>(() => KMeansPartialSums.Compute(Square, new double[,] { { 0, 0 } }, [0])).Message, StringComparison.Ordinal);
        Assert.Contains("not a finite number", Assert.Throws<ArgumentException>(() => KMeansPartialSums.Compute(Square, new double[,] { { double.NaN, 0 } }, [0, 0])).Message, StringComparison.Ordinal);
        Assert.Contains("count -1", Assert.Throws<ArgumentException>(() => KMeansPartialSums.FromValues([0], [-1], new double[,] { { 0 } }, [0])).Message, StringComparison.Ordinal);
        Assert.Contains("one count, inertia and row of sums per centre", Assert.Throws<ArgumentException>(() => KMeansPartialSums.FromValues([0], [1, 2], new double[,] { { 0 } }, [0])).Message, StringComparison.Ordinal);
        KMeansPartialSums a = KMeansPartialSums.FromValues([0], [1], new double[,] { { 1 } }, [0]);
        KMeansPartialSums b = KMeansPartialSums.FromValues([1], [1], new double[,] { { 1 } }, [0]);
        Assert.Contains("same centres and origin", Assert.Throws<ArgumentException>(() => a.Merge(b)).Message, StringComparison.Ordinal);
        Assert.Contains("no partial sums", Assert.Throws<ArgumentException>(() => KMeansPartialSums.Merge([])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Count(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Sum(0, 1));
    }
}
