using Xunit.Abstractions;
using Xunit.Sdk;

namespace CustomerSegmentation.Tests.Databases;

/// <summary>
/// A fact of an engine contract (an abstract test class run once per engine by deriving it): it runs like
/// <see cref="FactAttribute"/>, except that in a class marked <see cref="NeedsPostgresAttribute"/> it is skipped with
/// <see cref="PostgresServer.Unavailable"/> when PostgreSQL's binaries are absent outside CI, as <see cref="PostgresFactAttribute"/> is.
/// </summary>
[XunitTestCaseDiscoverer("CustomerSegmentation.Tests.Databases.EngineFactDiscoverer", "CustomerSegmentation.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class EngineFactAttribute : FactAttribute;

/// <summary>Marks a derived engine-contract class whose engine is the test run's PostgreSQL server.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsPostgresAttribute : Attribute;

/// <summary>Finds <see cref="EngineFactAttribute"/> tests, skipping them in a <see cref="NeedsPostgresAttribute"/> class when the server cannot start.</summary>
public sealed class EngineFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc/>
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        TestMethodDisplay display = discoveryOptions.MethodDisplayOrDefault();
        TestMethodDisplayOptions displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        bool needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsPostgresAttribute)).Any();
        string? skip = needsPostgres && !TestData.InCi ? PostgresServer.Unavailable : null;
        yield return skip is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skip);
    }
}
