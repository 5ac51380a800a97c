using System.Globalization;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// What one rule requires of one feature, in the customers' own units: above a lower bound, at most an upper bound,
/// or both ("40 &lt; Age &lt;= 60"). Conditions on the same feature along a path are merged into one.
/// </summary>
/// <remarks>
/// Each bound is the midpoint between two adjacent distinct values of the training customers. <see cref="Text"/>
/// writes a bound to 7 significant digits when that still falls strictly between the two values next to it among all
/// training customers, in full otherwise, so the text sorts every training customer exactly as <see cref="Holds"/>
/// does (69.5 stays 69.5; the midpoint 0.12250000238 of two float32 values reads 0.1225).
/// </remarks>
public sealed class RuleCondition
{
    internal RuleCondition(int featureIndex, string feature, double? greaterThan, double? atMost, string text)
    {
        FeatureIndex = featureIndex;
        Feature = feature;
        GreaterThan = greaterThan;
        AtMost = atMost;
        Text = text;
    }

    /// <summary>The feature's name, as in the data.</summary>
    public string Feature { get; }

    /// <summary>The feature's position among <see cref="SegmentRules.FeatureNames"/>.</summary>
    public int FeatureIndex { get; }

    /// <summary>The exclusive lower bound (value &gt; bound), or null when there is none.</summary>
    public double? GreaterThan { get; }

    /// <summary>The inclusive upper bound (value &lt;= bound), or null when there is none.</summary>
    public double? AtMost { get; }

    /// <summary>The condition as text, e.g. "Annual Income (k$) &gt; 69.5" or "40.5 &lt; Age &lt;= 60.5".</summary>
    public string Text { get; }

    /// <summary>Whether a value of <see cref="Feature"/> meets the condition.</summary>
    /// <param name="value">The customer's value, in the feature's own units.</param>
    /// <returns>True when the value is above <see cref="GreaterThan"/> (if any) and at most <see cref="AtMost"/> (if any).</returns>
    public bool Holds(double value) => (GreaterThan is not double low || value > low) && (AtMost is not double high || value <= high);

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>
    /// A bound for people to read: the midpoint to 7 significant digits (float32's precision, which drops the noise
    /// of a midpoint of two float32 values), or in full when that shortened value would no longer lie strictly between
    /// <paramref name="below"/> and <paramref name="above"/>, the training values either side of it.
    /// </summary>
    internal static string Bound(double midpoint, float below, float above)
    {
        double shortened = double.Parse(midpoint.ToString("G7", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return (shortened > below && shortened < above ? shortened : midpoint).ToString("R", CultureInfo.InvariantCulture);
    }
}
