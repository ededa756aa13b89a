namespace Playstream.Dashboard.Server;

/// <summary>Where the dashboard listens and how often it looks for new results.</summary>
public sealed record DashboardOptions
{
    /// <summary>Kibana's port, a nod to the dashboard this one stands in for.</summary>
    public const int DefaultPort = 5601;

    /// <summary>Loopback only, unless the user says otherwise (see docs/dashboard.md before exposing it).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; } = DefaultPort;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
