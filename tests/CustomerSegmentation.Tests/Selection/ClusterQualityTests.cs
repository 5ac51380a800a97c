using System.Text.Json;

using CustomerSegmentation.Data;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Tests.Selection;

public sealed class ClusterQualityTests
{
    private static readonly string[] TwoFeatures = ["a", "b"];

    private static FeatureMatrix Matrix(double[,] values) => FeatureMatrix.FromArray(values, TwoFeatures);

    [Fact]
    public void Tiny_fixture_matches_scikit_learn()
    {
        JsonElement tiny = QualityFixtures.Json("tiny_metrics.sklearn.json");
        double[][] rows = tiny.GetProperty("X").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        int[] labels = tiny.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        FeatureMatrix data = FeatureMatrix.FromRows(rows, TwoFeatures);

        QualityFixtures.Close(tiny.GetProperty("silhouette").GetDouble(), ClusterQuality.Silhouette(data, labels), 1e-6);
        QualityFixtures.Close(tiny.GetProperty("calinski_harabasz").GetDouble(), ClusterQuality.CalinskiHarabasz(data, labels), 1e-6);
        QualityFixtures.Close(tiny.GetProperty("davies_bouldin").GetDouble(), ClusterQuality.DaviesBouldin(data, labels), 1e-6);
    }

    [Fact]
    public void Blobs_truth_labels_match_scikit_learn()
    {
        (FeatureMatrix data, int[] truth) = QualityFixtures.Blobs();
        JsonElement expected = QualityFixtures.Json("blobs_2000x3.sklearn.json").GetProperty("metrics_on_truth_labels");

        QualityFixtures.Close(expected.GetProperty("silhouette").GetDouble(), ClusterQuality.Silhouette(data, truth), 1e-6);
        QualityFixtures.Close(expected.GetProperty("calinski_harabasz").GetDouble(), ClusterQuality.CalinskiHarabasz(data, truth), 1e-6);
        QualityFixtures.Close(expected.GetProperty("davies_bouldin").GetDouble(), ClusterQuality.DaviesBouldin(data, truth), 1e-6);
    }

    [Fact]
    public void Blobs_fast_silhouette_equals_the_scalar_definition()
    {
        (FeatureMatrix data, int[] truth) = QualityFixtures.Blobs();
        QualityFixtures.Close(ScalarSilhouette.Mean(data, truth), ClusterQuality.Silhouette(data, truth, maxDegreeOfParallelism: 2), 1e-12);
    }

    [Fact]
    public void Silhouette_by_hand_with_a_singleton_cluster()
    {
        // 1-D points 0, 1, 4 with clusters {0, 1} and {4}:
        // s(0) = (4 - 1) / 4, s(1) = (3 - 1) / 3, s(4) = 0 (alone in its cluster).
        FeatureMatrix data = FeatureMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 4 } }, ["x"]);
        double expected = ((3.0 / 4) + (2.0 / 3)) / 3;
        Assert.Equal(expected, ClusterQuality.Silhouette(data, [0, 0, 1]), 15);
        Assert.Equal(expected, ClusterQuality.Silhouette(data, [7, 7, 2]), 15);
    }

    [Fact]
    public void Silhouette_of_identical_points_in_two_clusters_is_zero()
    {
        FeatureMatrix data = Matrix(new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 }, { 1, 1 } });
        Assert.Equal(0.0, ClusterQuality.Silhouette(data, [0, 0, 1, 1]));
    }

    [Fact]
    public void Calinski_Harabasz_by_hand_and_its_degenerate_case()
    {
        // Four tight pairs around (.5,.5), (3.5,3.5), (.5,3.5), (3.5,.5), ten points each:
        // tr(B) = 10 · 4 · 4.5 = 180, tr(W) = 40 · 0.5 = 20, so CH = (180 / 3) / (20 / 36) = 108.
        (FeatureMatrix data, int[] labels) = FourSquares();
        Assert.Equal(108.0, ClusterQuality.CalinskiHarabasz(data, labels), 10);

        FeatureMatrix ones = Matrix(new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 }, { 1, 1 } });
        Assert.Equal(1.0, ClusterQuality.CalinskiHarabasz(ones, [0, 0, 1, 1]));
    }

    [Fact]
    public void Davies_Bouldin_by_hand()
    {
        // Same four squares: every s = √0.5, nearest centroids 3 apart, so every ratio is 2√0.5 / 3.
        (FeatureMatrix data, int[] labels) = FourSquares();
        Assert.Equal(2 * Math.Sqrt(0.5) / 3, ClusterQuality.DaviesBouldin(data, labels), 12);

        // (0,0),(2,2) | (3,3) | (5,5): s = √2, 0, 0; R = .5, .5, .25; mean 5/12.
        FeatureMatrix line = Matrix(new double[,] { { 0, 0 }, { 2, 2 }, { 3, 3 }, { 5, 5 } });
        Assert.Equal(5.0 / 12, ClusterQuality.DaviesBouldin(line, [0, 0, 1, 2]), 12);
    }

    [Fact]
    public void Davies_Bouldin_degenerate_cases_follow_scikit_learn()
    {
        // All scatters zero.
        FeatureMatrix ones = Matrix(new double[,] { { 1, 1 }, { 1, 1 }, { 1, 1 }, { 1, 1 } });
        Assert.Equal(0.0, ClusterQuality.DaviesBouldin(ones, [0, 0, 1, 1]));

        // All centroids at the origin.
        FeatureMatrix mirrored = Matrix(new double[,] { { -1, -1 }, { 1, 1 }, { -1, -1 }, { 1, 1 } });
        Assert.Equal(0.0, ClusterQuality.DaviesBouldin(mirrored, [0, 0, 1, 1]));

        // Clusters 0 and 1 share a centroid (ratio 0 between them); cluster 2 at (10, 0) is the nearest other.
        // s0 = s1 = 1, s2 = 0; d(c0, c2) = d(c1, c2) = 10: R = .1, .1, .1.
        FeatureMatrix shared = Matrix(new double[,] { { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 }, { 10, 0 } });
        Assert.Equal(0.1, ClusterQuality.DaviesBouldin(shared, [0, 0, 1, 1, 2]), 12);
    }

    [Fact]
    public void Sparse_and_huge_labels_score_like_their_dense_ids()
    {
        // Labels above both 65,536 and the row count take the sorted encoding; small gappy ones the counted one.
        (FeatureMatrix data, int[] truth) = QualityFixtures.Blobs();
        int[] huge = truth.Select(l => checked((int)(70_000 + (l * 100_000_000L)))).ToArray();
        int[] gappy = truth.Select(l => (l * 7) + 3).ToArray();

        foreach (int[] labels in new[] { huge, gappy })
        {
            Assert.Equal(ClusterQuality.Silhouette(data, truth), ClusterQuality.Silhouette(data, labels));
            Assert.Equal(ClusterQuality.CalinskiHarabasz(data, truth), ClusterQuality.CalinskiHarabasz(data, labels));
            Assert.Equal(ClusterQuality.DaviesBouldin(data, truth), ClusterQuality.DaviesBouldin(data, labels));
        }
    }

    /// <summary>
    /// Over several of the dispersion's blocks of rows (summed side by side, added in block order), with labels that are
    /// not their own dense ids (gaps) and ones that are: Calinski-Harabasz and Davies-Bouldin equal a plain sequential
    /// double computation of their definitions to rounding.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Scores_over_many_blocks_equal_a_sequential_reference(int gap)
    {
        const int Rows = (3 * 65_536) + 123;
        const int K = 5;
        var random = new Random(17);
        var rows = new double[Rows][];
        int[] labels = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            int cluster = random.Next(K);
            labels[i] = cluster * (gap + 1);
            rows[i] = [cluster * 3 + random.NextDouble(), random.NextDouble() * 2, cluster - random.NextDouble()];
        }

        FeatureMatrix data = FeatureMatrix.FromRows(rows.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray(), ["a", "b", "c"]);
        (double ch, double db) = SequentialScores(data, labels.Select(l => l / (gap + 1)).ToArray(), K);

        Assert.Equal(ch, ClusterQuality.CalinskiHarabasz(data, labels), ch * 1e-12);
        Assert.Equal(db, ClusterQuality.DaviesBouldin(data, labels), db * 1e-12);
    }

    /// <summary>Both scores by their definitions, every sum in row order in double.</summary>
    private static (double CalinskiHarabasz, double DaviesBouldin) SequentialScores(FeatureMatrix data, int[] dense, int k)
    {
        int n = data.RowCount;
        int d = data.FeatureCount;
        var sizes = new int[k];
        var centroids = new double[k, d];
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            sizes[dense[i]]++;
            for (int f = 0; f < d; f++)
            {
                centroids[dense[i], f] += data.Column(f)[i];
                mean[f] += data.Column(f)[i];
            }
        }

        for (int c = 0; c < k; c++)
        {
            for (int f = 0; f < d; f++)
            {
                centroids[c, f] /= sizes[c];
            }
        }

        double between = 0, within = 0;
        var scatter = new double[k];
        for (int c = 0; c < k; c++)
        {
            for (int f = 0; f < d; f++)
            {
                double shift = centroids[c, f] - (mean[f] / n);
                between += sizes[c] * shift * shift;
            }
        }

        for (int i = 0; i < n; i++)
        {
            double squared = 0;
            for (int f = 0; f < d; f++)
            {
                double diff = data.Column(f)[i] - centroids[dense[i], f];
                squared += diff * diff;
            }

            within += squared;
            scatter[dense[i]] += Math.Sqrt(squared);
        }

        double worst = 0;
        for (int a = 0; a < k; a++)
        {
            double largest = 0;
            for (int b = 0; b < k; b++)
            {
                if (a == b)
                {
                    continue;
                }

                double separation = 0;
                for (int f = 0; f < d; f++)
                {
                    separation += (centroids[a, f] - centroids[b, f]) * (centroids[a, f] - centroids[b, f]);
                }

                largest = Math.Max(largest, ((scatter[a] / sizes[a]) + (scatter[b] / sizes[b])) / Math.Sqrt(separation));
            }

            worst += largest;
        }

        return (between * (n - k) / (within * (k - 1.0)), worst / k);
    }

    [Fact]
    public void The_sweeps_pair_of_scores_equals_each_score_alone()
    {
        (FeatureMatrix data, int[] truth) = QualityFixtures.Blobs();

        (double ch, double db) = ClusterQuality.CalinskiHarabaszAndDaviesBouldin(data, truth, CancellationToken.None);

        Assert.Equal(ClusterQuality.CalinskiHarabasz(data, truth), ch);
        Assert.Equal(ClusterQuality.DaviesBouldin(data, truth), db);
    }

    [Fact]
    public void Sampling_scores_a_seeded_subset()
    {
        (FeatureMatrix data, int[] truth) = QualityFixtures.Blobs();
        double full = ClusterQuality.Silhouette(data, truth);
        double first = ClusterQuality.Silhouette(data, truth, sampleSize: 400, seed: 7);
        double again = ClusterQuality.Silhouette(data, truth, sampleSize: 400, seed: 7, maxDegreeOfParallelism: 1);
        double other = ClusterQuality.Silhouette(data, truth, sampleSize: 400, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(full, first);
        Assert.InRange(first, full - 0.05, full + 0.05);
        Assert.Equal(full, ClusterQuality.Silhouette(data, truth, sampleSize: 2000));
        Assert.Equal(full, ClusterQuality.Silhouette(data, truth, sampleSize: 5000));
    }

    [Fact]
    public void Sampled_silhouette_is_the_silhouette_of_a_subset_of_that_size()
    {
        // Five rows, samples of four: the five possible subsets each leave one row out.
        FeatureMatrix data = FeatureMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 10 }, { 11 }, { 13 } }, ["x"]);
        int[] labels = [0, 0, 1, 1, 1];
        var possible = new HashSet<double>();
        for (int left = 0; left < 5; left++)
        {
            int[] kept = Enumerable.Range(0, 5).Where(r => r != left).ToArray();
            possible.Add(Math.Round(ScalarSilhouette.Mean(data.SelectRows(kept), kept.Select(r => labels[r]).ToArray()), 12));
        }

        var seen = new HashSet<double>();
        for (int seed = 0; seed < 20; seed++)
        {
            double value = Math.Round(ClusterQuality.Silhouette(data, labels, sampleSize: 4, seed: seed), 12);
            Assert.Contains(value, possible);
            seen.Add(value);
        }

        Assert.True(seen.Count > 1, "different seeds should draw different subsets");
    }

    [Fact]
    public void Rejects_a_sample_that_holds_a_single_cluster()
    {
        // Four rows of cluster 0 and one of cluster 1: many 3-row samples hold cluster 0 only.
        FeatureMatrix data = FeatureMatrix.FromArray(new double[,] { { 0 }, { 1 }, { 2 }, { 3 }, { 10 } }, ["x"]);
        int[] labels = [0, 0, 0, 0, 1];
        var messages = new List<string>();
        for (int seed = 0; seed < 20; seed++)
        {
            try
            {
                _ = ClusterQuality.Silhouette(data, labels, sampleSize: 3, seed: seed);
            }
            catch (ArgumentException e)
            {
                Assert.Equal("labels", e.ParamName);
                messages.Add(e.Message);
            }
        }

        Assert.NotEmpty(messages);
        Assert.True(messages.Count < 20, "some 3-row samples hold both clusters");
        Assert.All(messages, m => Assert.Contains("1 distinct labels among 3 rows sampled with sampleSize = 3 and seed = ", m, StringComparison.Ordinal));
    }

    public static TheoryData<string> Scores => new() { "silhouette", "calinski-harabasz", "davies-bouldin" };

    private static double Score(string score, FeatureMatrix data, int[] labels) => score switch
    {
        "silhouette" => ClusterQuality.Silhouette(data, labels),
        "calinski-harabasz" => ClusterQuality.CalinskiHarabasz(data, labels),
        _ => ClusterQuality.DaviesBouldin(data, labels),
    };

    [Theory]
    [MemberData(nameof(Scores))]
    public void Rejects_a_label_count_different_from_the_row_count(string score)
    {
        FeatureMatrix data = Matrix(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        ArgumentException e = Assert.Throws<ArgumentException>(() => Score(score, data, [0, 1]));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("2 labels but the data has 3 rows", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scores))]
    public void Rejects_a_negative_label(string score)
    {
        FeatureMatrix data = Matrix(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        ArgumentException e = Assert.Throws<ArgumentException>(() => Score(score, data, [0, -3, 1]));
        Assert.Contains("Row 1 has the label -3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scores))]
    public void Rejects_a_single_cluster(string score)
    {
        FeatureMatrix data = Matrix(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        ArgumentException e = Assert.Throws<ArgumentException>(() => Score(score, data, [4, 4, 4]));
        Assert.Contains("1 distinct labels among 3 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("from 2 to n - 1 = 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scores))]
    public void Rejects_every_row_in_its_own_cluster(string score)
    {
        FeatureMatrix data = Matrix(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        ArgumentException e = Assert.Throws<ArgumentException>(() => Score(score, data, [0, 1, 2]));
        Assert.Contains("3 distinct labels among 3 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_null_data()
    {
        Assert.Throws<ArgumentNullException>(() => ClusterQuality.CalinskiHarabasz(null!, [0, 1]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Rejects_a_sample_size_below_two(int sampleSize)
    {
        FeatureMatrix data = Matrix(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => ClusterQuality.Silhouette(data, [0, 0, 1], sampleSize));
        Assert.Equal("sampleSize", e.ParamName);
        Assert.Contains(sampleSize.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Rejects_an_invalid_degree_of_parallelism(int degree)
    {
        FeatureMatrix data = Matrix(new double[,] { { 0, 0 }, { 1, 1 }, { 2, 2 } });
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => ClusterQuality.Silhouette(data, [0, 0, 1], maxDegreeOfParallelism: degree));
        Assert.Equal("maxDegreeOfParallelism", e.ParamName);
        Assert.Contains("-1 (let the runtime decide) or at least 1", e.Message, StringComparison.Ordinal);
    }

    private static (FeatureMatrix Data, int[] Labels) FourSquares()
    {
        double[][] corners = [[0, 0], [1, 1], [3, 3], [4, 4], [0, 4], [1, 3], [3, 1], [4, 0]];
        var rows = new List<double[]>();
        var labels = new List<int>();
        for (int pair = 0; pair < 4; pair++)
        {
            for (int copy = 0; copy < 5; copy++)
            {
                rows.Add(corners[2 * pair]);
                rows.Add(corners[(2 * pair) + 1]);
                labels.Add(pair);
                labels.Add(pair);
            }
        }

        return (FeatureMatrix.FromRows(rows, TwoFeatures), labels.ToArray());
    }
}
