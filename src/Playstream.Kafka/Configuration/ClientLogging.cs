using Confluent.Kafka;

namespace Playstream.Kafka.Configuration;

/// <summary>
/// Routes librdkafka's own log lines to the options' <see cref="KafkaOptions.Log"/> (warnings and
/// worse) instead of stderr, where they would interleave with a command's output. Failures that
/// matter reach the caller as exceptions anyway.
/// </summary>
internal static class ClientLogging
{
    public static void Forward(KafkaOptions options, LogMessage message)
    {
        if (options.Log is { } log && message.Level <= SyslogLevel.Warning)
            log($"kafka {message.Level.ToString().ToLowerInvariant()}: {message.Facility}: {message.Message}");
    }
}
