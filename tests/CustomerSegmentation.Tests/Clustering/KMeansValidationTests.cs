using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>Every rejected option or input: the exception type and a message that names the problem.</summary>
public sealed class KMeansValidationTests
{
    private static readonly FeatureMatrix Three = FeatureMatrix.FromRows([[0, 0], [1, 1], [2, 2]], ["x", "y"]);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void K_below_one_is_rejected(int k)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeansOptions { K = k });
        Assert.Equal("K", error.ParamName);
        Assert.Contains(k.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void MaxIterations_below_one_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeansOptions { MaxIterations = 0 });
        Assert.Equal("MaxIterations", error.ParamName);
    }

    [Theory]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Tolerance_must_be_finite_and_non_negative(double tolerance)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeansOptions { Tolerance = tolerance });
        Assert.Equal("Tolerance", error.ParamName);
        Assert.Contains("finite, non-negative", error.Message);
    }

    [Fact]
    public void NInit_below_one_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeansOptions { NInit = 0 });
        Assert.Equal("NInit", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void MaxDegreeOfParallelism_must_be_minus_one_or_positive(int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeansOptions { MaxDegreeOfParallelism = value });
        Assert.Equal("MaxDegreeOfParallelism", error.ParamName);
        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void Init_cannot_be_null()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new KMeansOptions { Init = null! });
        Assert.Equal("Init", error.ParamName);
    }

    [Fact]
    public void KMeansPlusPlus_needs_at_least_one_local_trial()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KMeansInitialization.KMeansPlusPlus(0));
        Assert.Equal("localTrials", error.ParamName);
    }

    [Fact]
    public void Initial_centroids_must_be_finite()
    {
        var error = Assert.Throws<ArgumentException>(() => KMeansInitialization.FromCentroids(new double[,] { { 0, 1 }, { double.NaN, 2 } }));
        Assert.Contains("centroid 1, feature 0", error.Message);
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void Initial_centroids_cannot_be_empty()
    {
        var error = Assert.Throws<ArgumentException>(() => KMeansInitialization.FromCentroids(new double[0, 2]));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Initial_centroid_count_must_equal_K()
    {
        var options = new KMeansOptions { K = 3, Init = KMeansInitialization.FromCentroids(new double[,] { { 0, 0 }, { 1, 1 } }) };
        var error = Assert.Throws<ArgumentException>(() => new KMeansClusterer(options));
        Assert.Contains("K is 3 but 2 initial centroids", error.Message);
    }

    [Fact]
    public void Initial_centroids_must_have_the_datas_feature_count()
    {
        var options = new KMeansOptions { K = 2, Init = KMeansInitialization.FromCentroids(new double[,] { { 0, 0, 0 }, { 1, 1, 1 } }) };
        var error = Assert.Throws<ArgumentException>(() => new KMeansClusterer(options).Fit(Three));
        Assert.Contains("3 features but the data has 2", error.Message);
    }

    [Fact]
    public void K_greater_than_the_row_count_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeansClusterer(new KMeansOptions { K = 4 }).Fit(Three));
        Assert.Contains("K is 4 but the data has only 3 rows", error.Message);
    }

    [Fact]
    public void Null_options_and_data_are_rejected()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new KMeansClusterer(null!)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => new KMeansClusterer(new KMeansOptions { K = 1 }).Fit(null!)).ParamName);
    }

    [Fact]
    public void Sample_weight_count_must_match_the_rows()
    {
        var error = Assert.Throws<ArgumentException>(() => new KMeansClusterer(new KMeansOptions { K = 2 }).Fit(Three, [1, 1]));
        Assert.Contains("2 sample weights but 3 rows", error.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Sample_weights_must_be_finite_and_non_negative(double bad)
    {
        var error = Assert.Throws<ArgumentException>(() => new KMeansClusterer(new KMeansOptions { K = 2 }).Fit(Three, [1, bad, 1]));
        Assert.Contains("Sample weight 1", error.Message);
        Assert.Contains("finite and non-negative", error.Message);
    }

    [Fact]
    public void Sample_weights_cannot_all_be_zero()
    {
        var error = Assert.Throws<ArgumentException>(() => new KMeansClusterer(new KMeansOptions { K = 2 }).Fit(Three, [0, 0, 0]));
        Assert.Contains("sum to zero", error.Message);
    }

    [Fact]
    public void Predict_rejects_data_with_other_features()
    {
        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = 2 }).Fit(Three);
        FeatureMatrix other = FeatureMatrix.FromRows([[0, 0]], ["x", "z"]);

        var error = Assert.Throws<ArgumentException>(() => result.Predict(other));
        Assert.Contains("fitted on features (x, y) but the data has (x, z)", error.Message);
        Assert.Throws<ArgumentException>(() => result.Transform(other));
    }

    [Fact]
    public void Predict_rejects_rows_with_other_features()
    {
        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = 2 }).Fit(Three);

        var error = Assert.Throws<ArgumentException>(() => result.Predict(FeatureMatrix.FromRows([[1.0, 2, 3]], ["x", "y", "z"])));
        Assert.Contains("fitted on features (x, y) but the data has (x, y, z)", error.Message);
        Assert.Throws<ArgumentException>(() => result.Transform(FeatureMatrix.FromRows([[1.0]], ["x"])));
    }
}
