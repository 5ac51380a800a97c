using System.Runtime.Intrinsics;
using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>The mixture kernel's exponential against <see cref="Math.Exp"/>, at every width.</summary>
[Trait("Category", "Kernel")]
public sealed class MixtureExponentialTests
{
    /// <summary>Arguments over [-708, 0]: dense near 0 (where responsibilities live) and spread over the whole range.</summary>
    private static double[] Arguments()
        => [.. Enumerable.Range(0, 20_001).Select(i => -i * 0.0021), .. Enumerable.Range(0, 20_001).Select(i => -i * 0.0354), -708.0, -0.0];

    [Fact]
    public void Agrees_with_Math_Exp_to_a_few_ulps_at_every_width()
    {
        double[] x = Arguments();
        Check(x, v => MixtureExponential.Exp<ScalarLane, double>(v), 1);
        Check(x, v => MixtureExponential.Exp<Lanes128, Vector128<double>>(Vector128.Create(v)).GetElement(1), 2);
        Check(x, v => MixtureExponential.Exp<Lanes256, Vector256<double>>(Vector256.Create(v)).GetElement(3), 4);
        Check(x, v => MixtureExponential.Exp<Lanes512, Vector512<double>>(Vector512.Create(v)).GetElement(7), 8);
    }

    [Fact]
    public void Is_exactly_1_at_0_and_exactly_0_below_the_floor()
    {
        Assert.Equal(1.0, MixtureExponential.Exp<ScalarLane, double>(0.0));
        Assert.Equal(1.0, MixtureExponential.Exp<Lanes256, Vector256<double>>(Vector256<double>.Zero).GetElement(0));
        Vector256<double> below = Vector256.Create(-708.5, -745.2, -1e6, double.NegativeInfinity);
        Assert.Equal(Vector256<double>.Zero, MixtureExponential.Exp<Lanes256, Vector256<double>>(below));
        Assert.Equal(0.0, MixtureExponential.Exp<ScalarLane, double>(double.NegativeInfinity));
    }

    private static void Check(double[] arguments, Func<double, double> exp, int lanes)
    {
        foreach (double x in arguments)
        {
            double expected = Math.Exp(x);
            double actual = exp(x);
            Assert.True(Math.Abs(actual - expected) <= 5e-16 * expected, $"{lanes} lanes: exp({x:R}) = {actual:R}, Math.Exp gives {expected:R}");
        }
    }
}
