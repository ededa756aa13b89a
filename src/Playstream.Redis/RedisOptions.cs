using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Where Redis is and how to reach it. <see cref="Endpoint"/> is <c>host:port</c>, several of
/// them comma-separated, or a StackExchange.Redis configuration string; the other properties
/// override what it says.
/// </summary>
public sealed record RedisOptions
{
    public const string DefaultEndpoint = "127.0.0.1:6379";
    public const string DefaultKeyPrefix = "playstream:";

    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Never printed: <see cref="ToString"/> and <see cref="Describe"/> leave it out.</summary>
    public string? Password { get; init; }

    public bool UseTls { get; init; }

    /// <summary>Prefix of every key the playstream layout writes (<c>playstream:</c>).</summary>
    public string KeyPrefix { get; init; } = DefaultKeyPrefix;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After a lost connection, the client's reconnect tries start this far apart ...</summary>
    public static readonly TimeSpan FirstReconnectInterval = TimeSpan.FromSeconds(1);

    /// <summary>... and grow (randomly, by a tenth a try) to at most this far apart.</summary>
    public static readonly TimeSpan MaxReconnectInterval = TimeSpan.FromSeconds(5);

    /// <summary>The keys under <see cref="KeyPrefix"/>.</summary>
    public RedisKeys Keys => new(KeyPrefix);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
            throw new ArgumentException("the Redis endpoint is empty; give host:port, e.g. 127.0.0.1:6379");
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(Endpoint);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the Redis endpoint '{RedactedEndpoint()}' cannot be read: {e.Message}");
        }
        if (parsed.EndPoints.Count == 0)
            throw new ArgumentException($"the Redis endpoint '{RedactedEndpoint()}' names no host:port");
        if (KeyPrefix.Any(char.IsWhiteSpace))
            throw new ArgumentException($"the key prefix '{KeyPrefix}' contains white space");
        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout.TotalMilliseconds > int.MaxValue)
            throw new ArgumentException($"the connect timeout must be more than 0 (got {ConnectTimeout})");
    }

    /// <summary>
    /// The client configuration. <c>AbortOnConnectFail</c> is off so that a server that is down
    /// (or not up yet) is retried in the background instead of failing the connect; the client
    /// then tries to reconnect at most <see cref="MaxReconnectInterval"/> apart, so a server that
    /// comes back after a long outage is in use again within seconds.
    /// </summary>
    public ConfigurationOptions ToConfigurationOptions()
    {
        Validate();
        var config = ConfigurationOptions.Parse(Endpoint);
        if (Password is not null)
            config.Password = Password;
        if (UseTls)
            config.Ssl = true;
        var timeout = (int)ConnectTimeout.TotalMilliseconds;
        config.ConnectTimeout = timeout;
        config.SyncTimeout = Math.Max(config.SyncTimeout, timeout);
        config.AsyncTimeout = Math.Max(config.AsyncTimeout, timeout);
        config.AbortOnConnectFail = false;
        // The client's default backs off from half the connect timeout to 10 s between tries.
        config.ReconnectRetryPolicy = new ExponentialRetry(
            (int)FirstReconnectInterval.TotalMilliseconds, (int)MaxReconnectInterval.TotalMilliseconds);
        config.ClientName ??= "playstream";
        return config;
    }

    /// <summary>The endpoint as it may be shown to a user: a password in a configuration string is hidden.</summary>
    public string Describe() => $"{RedactedEndpoint()}{(UseTls ? " (TLS)" : "")}";

    public override string ToString() =>
        $"RedisOptions {{ Endpoint = {RedactedEndpoint()}, Password = {(Password is null ? "(none)" : "***")}, UseTls = {UseTls}, KeyPrefix = {KeyPrefix}, ConnectTimeout = {ConnectTimeout} }}";

    private string RedactedEndpoint()
    {
        // A configuration string may carry password=...; show every other part as written.
        var parts = Endpoint.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parts[i][..eq].Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
                parts[i] = parts[i][..(eq + 1)] + "***";
        }
        return string.Join(',', parts);
    }
}
