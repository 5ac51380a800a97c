using CustomerSegmentation.Data;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Tests.Scaling;

public sealed class FeatureScalingTests
{
    [Fact]
    public void The_registry_holds_the_four_scalings_under_their_names()
    {
        Assert.Equal(
            [FeatureScaling.None, FeatureScaling.Standard, FeatureScaling.MinMax, FeatureScaling.LogStandard],
            FeatureScaling.All.ToArray());
        Assert.Equal(["None", "Standard", "MinMax", "LogStandard"], FeatureScaling.All.Select(s => s.Name));
    }

    [Fact]
    public void Every_scaling_parses_back_from_its_name_and_prints_it()
    {
        Assert.All(FeatureScaling.All, scaling =>
        {
            Assert.Same(scaling, FeatureScaling.Parse(scaling.Name));
            Assert.Equal(scaling.Name, scaling.ToString());
        });
    }

    [Theory]
    [InlineData("Cubic")]
    [InlineData("standard")]
    [InlineData(" Standard")]
    [InlineData("")]
    public void An_unknown_name_is_rejected_naming_it_and_every_known_name(string name)
    {
        var error = Assert.Throws<FormatException>(() => FeatureScaling.Parse(name));

        Assert.Contains($"'{name}' is not known", error.Message, StringComparison.Ordinal);
        Assert.All(FeatureScaling.All, scaling => Assert.Contains(scaling.Name, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_null_name_is_rejected()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => FeatureScaling.Parse(null!)).ParamName);
    }

    [Fact]
    public void Only_None_constrains_the_saved_parameters()
    {
        // A zero-variance or one-row fit of any other scaling may save any finite offset and positive scale.
        foreach (FeatureScaling scaling in FeatureScaling.All.Where(s => s != FeatureScaling.None))
        {
            FeatureScaler scaler = FeatureScaler.FromParameters(scaling, ["a"], [5.0], [2.0]);
            Assert.Equal(5.0, scaler.Offsets[0]);
        }

        var error = Assert.Throws<ArgumentException>(() => FeatureScaler.FromParameters(FeatureScaling.None, ["a"], [0.0], [2.0]));
        Assert.Equal("scales", error.ParamName);
        Assert.Contains("Feature 'a' has offset 0 and scale 2, but method None means offset 0 and scale 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_scaling_fits_its_offset_and_scale_from_the_column_statistics()
    {
        // 2, 4, 10: mean 16/3, population variance ((10/3)^2 + (4/3)^2 + (14/3)^2) / 3 = 312/27, min 2, max 10.
        FeatureMatrix data = FeatureMatrix.FromColumns([new[] { 2.0, 4.0, 10.0 }], ["x"]);

        Assert.Equal((0.0, 1.0), Fitted(FeatureScaling.None));
        Assert.Equal(16.0 / 3, Fitted(FeatureScaling.Standard).Offset, 12);
        Assert.Equal(Math.Sqrt(312.0 / 27), Fitted(FeatureScaling.Standard).Scale, 12);
        Assert.Equal((2.0, 8.0), Fitted(FeatureScaling.MinMax));

        double[] logs = [Math.Log(3), Math.Log(5), Math.Log(11)];
        double logMean = logs.Average();
        Assert.Equal(logMean, Fitted(FeatureScaling.LogStandard).Offset, 12);
        Assert.Equal(Math.Sqrt(logs.Average(v => (v - logMean) * (v - logMean))), Fitted(FeatureScaling.LogStandard).Scale, 12);

        (double Offset, double Scale) Fitted(FeatureScaling scaling)
        {
            FeatureScaler scaler = FeatureScaler.Fit(data, scaling);
            return (scaler.Offsets[0], scaler.Scales[0]);
        }
    }
}
