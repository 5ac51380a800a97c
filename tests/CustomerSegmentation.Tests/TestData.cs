namespace CustomerSegmentation.Tests;

/// <summary>Locates the test fixtures and the shared real-customer data.</summary>
internal static class TestData
{
    /// <summary>True when the suite runs in CI, where data that is absent must fail the run instead of skipping.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of a fixture copied into the test output (Fixtures/NAME).</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>
    /// The path of ../shared/data/Mall_Customers.csv beside the repository, or null when it is absent outside CI.
    /// In CI its absence fails the test.
    /// </summary>
    public static string? MallCustomersCsv() => SharedData("Mall_Customers.csv");

    /// <summary>The path of ../shared/data/CDNOW_sample.txt beside the repository, or null when it is absent outside CI.</summary>
    public static string? CdnowSample() => SharedData("CDNOW_sample.txt");

    private static string? SharedData(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (InCi)
        {
            throw new FileNotFoundException($"CI=true but ../shared/data/{name} was not found beside the repository.");
        }

        return null;
    }
}
