namespace CustomerSegmentation.Tests.Databases;

/// <summary>
/// The PostgreSQL server of the test run, started once for the tests of the <see cref="PostgresCollection"/> and
/// stopped after them. Tests that use it carry <see cref="PostgresFactAttribute"/> (skipped with a message when the
/// binaries are absent, mandatory when CI=true).
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresServer> _server = new(PostgresServer.Start);
    private int _databases;

    /// <summary>The running server (started on first use).</summary>
    public PostgresServer Server => _server.Value;

    /// <summary>A new empty database for one test.</summary>
    /// <returns>Its connection string.</returns>
    public string NewDatabase() => Server.CreateDatabase($"test_{Interlocked.Increment(ref _databases)}");

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}

/// <summary>The tests that share the PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}

/// <summary>A fact that needs PostgreSQL's server binaries: skipped with a message when absent, mandatory when CI=true.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the binaries are absent outside CI.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresServer.Unavailable is { } reason && !TestData.InCi)
        {
            Skip = reason;
        }
    }
}
