namespace CustomerSegmentation.Scaling;

internal static class FeatureScalingShim
{
    extension(FeatureScaling s)
    {
        public string Name => s.ToString();

        public static FeatureScaling Parse(string n) => Enum.TryParse(n, false, out FeatureScaling m) && Enum.IsDefined(m) ? m : throw new FormatException($"The scaling method '{n}' is unknown.");
    }
}
