namespace Playstream.Settings;

/// <summary>How to reach Redis: the <c>redis</c> section of the settings.</summary>
public sealed class RedisSettings
{
    public string Endpoint { get; set; } = "127.0.0.1:6379";
    public string? Password { get; set; }
    public bool Tls { get; set; }
    public string KeyPrefix { get; set; } = "playstream:";
}
