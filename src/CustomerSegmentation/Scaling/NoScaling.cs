using System.Globalization;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Scaling;

/// <summary>No rescaling: offset 0 and scale 1 for every feature.</summary>
internal sealed class NoScaling : FeatureScaling
{
    public override string Name => "None";

    internal override (double Offset, double Scale) Fit(ColumnStatistics column) => (0.0, 1.0);

    internal override void CheckParameters(string feature, double offset, double scale)
    {
        if (offset != 0 || scale != 1)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Feature '{feature}' has offset {offset:R} and scale {scale:R}, but method {Name} means offset 0 and scale 1."),
                offset != 0 ? "offsets" : "scales");
        }
    }
}
