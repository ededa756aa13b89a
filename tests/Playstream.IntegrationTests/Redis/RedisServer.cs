using Playstream.Redis;
using StackExchange.Redis;
using Xunit;

namespace Playstream.IntegrationTests.Redis;

/// <summary>
/// The real Redis the integration tests run against: <c>PLAYSTREAM_REDIS</c> (host:port,
/// default 127.0.0.1:6379), database 15 so that the original layout's bare-id keys stay apart
/// from anything a running stack keeps in database 0. Each test writes under its own prefix.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "PLAYSTREAM_REDIS";
    public const int Database = 15;

    private ConnectionMultiplexer? _connection;
    private string? _problem;

    public string Endpoint { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : RedisOptions.DefaultEndpoint;

    /// <summary>The connection; fails the test with how to start Redis when there is none.</summary>
    public IConnectionMultiplexer Connection =>
        _connection ?? throw new InvalidOperationException(
            $"Redis is not reachable at {Endpoint} ({_problem}). Start the local servers with `stack/stack.sh up`, " +
            $"or point {EnvironmentVariable} at a Redis (host:port). These tests do not skip without it.");

    public IDatabase Db => Connection.GetDatabase();

    public RedisOptions Options(string prefix) => new()
    {
        Endpoint = $"{Endpoint},defaultDatabase={Database}",
        KeyPrefix = prefix,
        ConnectTimeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>A prefix no other test uses.</summary>
    public static string NewPrefix() => $"itest:{Guid.NewGuid():N}:";

    public async Task InitializeAsync()
    {
        var connection = await RedisConnection.ConnectAsync(Options("unused:")).ConfigureAwait(false);
        if (await RedisConnection.WaitUntilReachableAsync(connection, TimeSpan.FromSeconds(3), (_, _, reason) => _problem = reason, CancellationToken.None).ConfigureAwait(false))
        {
            _connection = connection;
            return;
        }
        _problem ??= "no answer";
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Deletes every key under a test's prefix (tests only: a SCAN is fine here).</summary>
    public async Task DeletePrefixAsync(string prefix)
    {
        if (_connection is null)
            return; // the test itself already failed saying why
        await RedisKeySweep.DeleteStartingWithAsync(Connection, prefix).ConfigureAwait(false);
    }
}

/// <summary>The Redis tests share one server and run one class at a time (the original layout's keys are not prefixed).</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
