using Confluent.Kafka;

namespace Playstream.Kafka.Configuration;

/// <summary>
/// Routes librdkafka's own log lines to the options' <see cref="KafkaOptions.Log"/> (warnings and
/// worse) instead of stderr, where they would interleave with a command's output. Failures that
/// matter reach the caller as exceptions anyway.
/// </summary>
/// <remarks>
/// librdkafka warns at the start of every client, in a paragraph per property, that the two
/// settings of the pre-0.10 protocol (<c>api.version.request</c>, <c>broker.version.fallback</c>)
/// are deprecated. They are set on purpose, for a broker that needs them, so that warning is
/// said once per process, in one line.
/// </remarks>
public sealed class ClientLogging
{
    public const string OldProtocolNotice =
        "kafka: speaking the protocol of brokers before 0.10 (api.version.request, broker.version.fallback), which librdkafka deprecates";

    private static readonly string[] OldProtocolProperties = ["api.version.request", "broker.version.fallback"];

    // One for the process: a command may build several clients, each of which warns.
    private static readonly ClientLogging Process = new();

    private int _oldProtocolNoticeGiven;

    internal ClientLogging()
    {
    }

    internal static void Forward(KafkaOptions options, LogMessage message) => Forward(options, message.Level, message.Facility, message.Message);

    /// <summary>The same for a line of a client that gets librdkafka's log lines itself (<see cref="Producing.KafkaBatchProducer"/>).</summary>
    internal static void Forward(KafkaOptions options, SyslogLevel level, string facility, string message) => Process.Write(options.Log, level, facility, message);

    internal void Write(Action<string>? log, SyslogLevel level, string facility, string message)
    {
        if (log is null || level > SyslogLevel.Warning)
            return;
        if (facility == "CONFWARN" && IsOldProtocolDeprecation(message))
            SayOldProtocolNotice(log);
        else
            log($"kafka {level.ToString().ToLowerInvariant()}: {facility}: {message}");
    }

    private void SayOldProtocolNotice(Action<string> log)
    {
        if (Interlocked.Exchange(ref _oldProtocolNoticeGiven, 1) == 0)
            log(OldProtocolNotice);
    }

    private static bool IsOldProtocolDeprecation(string text) =>
        OldProtocolProperties.Any(p => text.Contains($"Configuration property {p} is deprecated", StringComparison.Ordinal));
}
