using System.Collections.Concurrent;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Tests.Configuration;

/// <summary>librdkafka's log lines as the commands show them, checked against what the library really says.</summary>
public class ClientLoggingTests
{
    // Nothing listens on port 1: clients start (and warn) without reaching any broker.
    private static KafkaOptions OldProtocolOptions(Action<string>? log = null)
    {
        var options = new KafkaOptions { BootstrapServers = "127.0.0.1:1", Log = log };
        options.WithProperties(["api.version.request=false", "broker.version.fallback=0.9.0.1"]);
        return options;
    }

    /// <summary>What librdkafka itself logs while two clients with the 0.9 settings start.</summary>
    private static List<LogMessage> RawLogOfTwoClients()
    {
        var messages = new ConcurrentQueue<LogMessage>();
        for (var i = 0; i < 2; i++)
        {
            using var producer = new ProducerBuilder<Null, string>(OldProtocolOptions().ToProducerConfig())
                .SetLogHandler((_, message) => messages.Enqueue(message))
                .Build();
        }
        return [.. messages];
    }

    [Fact]
    public void The_deprecation_paragraphs_of_the_09_settings_become_one_line_for_the_process()
    {
        var raw = RawLogOfTwoClients();
        // Each client warns about each setting, a paragraph each: the case this class exists for.
        var deprecations = raw.Where(m => m.Facility == "CONFWARN" && m.Message.Contains("is deprecated", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, deprecations.Count);
        Assert.All(deprecations, m => Assert.True(m.Message.Length > 300, m.Message));

        // The configuration warnings: what a client logs at its start (its failures to connect are another matter).
        var shown = new List<string>();
        var logging = new ClientLogging();
        foreach (var message in raw.Where(m => m.Facility == "CONFWARN"))
            logging.Write(shown.Add, message.Level, message.Facility, message.Message);

        Assert.Equal([ClientLogging.OldProtocolNotice], shown);
    }

    [Fact]
    public void Other_warnings_and_errors_pass_through_on_one_line_each_and_notices_are_dropped()
    {
        var shown = new List<string>();
        var logging = new ClientLogging();

        logging.Write(shown.Add, SyslogLevel.Warning, "CONFWARN", "[thrd:app]: Configuration property linger.ms is not a producer property");
        logging.Write(shown.Add, SyslogLevel.Error, "FAIL", "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed");
        logging.Write(shown.Add, SyslogLevel.Notice, "CONFIG", "not shown");
        logging.Write(null, SyslogLevel.Error, "FAIL", "no log: nothing to do");

        Assert.Equal(
            [
                "kafka warning: CONFWARN: [thrd:app]: Configuration property linger.ms is not a producer property",
                "kafka error: FAIL: 127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed",
            ],
            shown);
    }

    [Fact]
    public void Clients_built_by_the_connectors_never_show_the_paragraphs()
    {
        var shown = new ConcurrentQueue<string>();
        var options = OldProtocolOptions(shown.Enqueue);
        for (var i = 0; i < 2; i++)
        {
            using var producer = new KafkaLineProducer(options, "t");
        }

        // At most the one line (another test of this process may have been first to say it).
        var aboutTheSettings = shown.Where(l => l.Contains("api.version.request", StringComparison.Ordinal)).ToList();
        Assert.True(aboutTheSettings.Count <= 1, string.Join('\n', aboutTheSettings));
        Assert.All(aboutTheSettings, l => Assert.Equal(ClientLogging.OldProtocolNotice, l));
    }
}
