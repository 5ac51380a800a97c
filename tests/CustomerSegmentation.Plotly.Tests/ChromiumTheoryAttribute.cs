namespace CustomerSegmentation.Plotly.Tests;

/// <summary>A theory that needs headless Chromium: skipped with a message when it is absent, mandatory when CI=true.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is absent outside CI.</summary>
    public ChromiumTheoryAttribute()
    {
        if (HeadlessChromium.Executable is null && !HeadlessChromium.InCi)
        {
            Skip = "chromium is not installed (apt-get install -y chromium); this browser test is mandatory when CI=true.";
        }
    }
}
