using Playstream.Kafka.Configuration;

namespace Playstream.Processor.Metrics;

/// <summary>
/// Everything <c>--metrics-port</c> turns on for one instance: the metrics, the lag monitor
/// that keeps the per-partition lag current, and the HTTP endpoint serving both pages.
/// </summary>
public sealed class ProcessorMonitoring : IAsyncDisposable
{
    private readonly LagMonitor _lag;
    private readonly OperationsServer _server;

    private ProcessorMonitoring(ProcessorMetrics metrics, LagMonitor lag, OperationsServer server)
    {
        Metrics = metrics;
        _lag = lag;
        _server = server;
    }

    public ProcessorMetrics Metrics { get; }

    public Uri Url => _server.Url;

    /// <param name="lagEvery">How often the partitions' high watermarks are asked for.</param>
    public static ProcessorMonitoring Start(StreamProcessorOptions options, string host, int port, TimeSpan? lagEvery = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var metrics = new ProcessorMetrics(options.Group, options.Topic);
        var server = new OperationsServer(metrics, host, port);
        var lag = new LagMonitor(metrics, CopyOf(options.Kafka), lagEvery ?? TimeSpan.FromSeconds(5));
        return new ProcessorMonitoring(metrics, lag, server);
    }

    /// <summary>The lag monitor's consumer gets its own client id and no log, so it is never mistaken for the processor's.</summary>
    private static KafkaOptions CopyOf(KafkaOptions source)
    {
        var copy = new KafkaOptions
        {
            BootstrapServers = source.BootstrapServers,
            SecurityProtocol = source.SecurityProtocol,
            SaslMechanism = source.SaslMechanism,
            SaslUsername = source.SaslUsername,
            SaslPassword = source.SaslPassword,
            SslCaLocation = source.SslCaLocation,
            SessionTimeoutMs = source.SessionTimeoutMs,
            ClientId = source.ClientId + "-lag",
        };
        foreach (var (key, value) in source.ExtraProperties)
            copy.ExtraProperties[key] = value;
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await _lag.DisposeAsync().ConfigureAwait(false);
    }
}
