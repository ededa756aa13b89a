using System.CommandLine;
using Playstream.Cli.Settings;
using Playstream.Processor;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream process</c>: the full-stack pipeline, one member of a Kafka consumer group.</summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var topic = new Option<string>("--topic") { Description = "Topic of raw play lines (the original's is `realtime`)", Required = true };
        var group = new Option<string>("--group") { Description = "Consumer group; instances in one group share the partitions", DefaultValueFactory = _ => "playstream" };
        var untilIdle = new Option<bool>("--until-idle") { Description = "Exit once every partition is drained and everything is written" };
        var noPlays = new Option<bool>("--no-plays") { Description = "Do not index the enriched plays (results only)" };
        var flush = new Option<string>("--flush-interval") { Description = "How often plays, results and checkpoints are written and offsets committed", DefaultValueFactory = _ => "10s" };
        var lateness = new Option<string?>("--allowed-lateness") { Description = "For endless streams: a play this far behind its partition's latest (e.g. 1h) is a dead letter `late`; default: any lateness" };
        var deadLetters = new Option<string?>("--dead-letter-topic") { Description = "Topic for dead letters (default TOPIC-dead-letters)" };
        var connection = new ConnectionOptions();
        var analytics = new AnalyticsOptions();

        var command = new Command("process", "Consume plays from Kafka, enrich from Redis, compute, write to Elasticsearch and Redis");
        foreach (var option in new Option[] { topic, group, untilIdle, noPlays, flush, lateness, deadLetters })
            command.Options.Add(option);
        connection.AddTo(command);
        analytics.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var settings = connection.Read(result);
            var flushText = result.GetValue(flush)!;
            if (!DurationParser.TryParseSeconds(flushText, out var flushSeconds) || flushSeconds < 1)
                throw new Core.Engine.SettingsException($"--flush-interval: '{flushText}' is not a duration of at least 1s");
            TimeSpan? allowedLateness = null;
            if (result.GetValue(lateness) is { } latenessText)
                allowedLateness = DurationParser.TryParseSeconds(latenessText, out var latenessSeconds)
                    ? TimeSpan.FromSeconds(latenessSeconds)
                    : throw new Core.Engine.SettingsException($"--allowed-lateness: '{latenessText}' is not a duration (examples: 90s, 30m, 1h)");
            var options = new StreamProcessorOptions
            {
                AllowedLateness = allowedLateness,
                Topic = result.GetValue(topic)!,
                Group = result.GetValue(group)!,
                UntilIdle = result.GetValue(untilIdle),
                IndexPlays = !result.GetValue(noPlays),
                FlushInterval = TimeSpan.FromSeconds(flushSeconds),
                DeadLetterTopic = result.GetValue(deadLetters),
                Analytics = analytics.Read(result),
                Kafka = ConnectionOptions.Kafka(settings),
                Redis = ConnectionOptions.Redis(settings),
                Elasticsearch = ConnectionOptions.Elasticsearch(settings),
                IndexPrefix = settings.Elasticsearch.IndexPrefix,
            };
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            Console.Error.WriteLine($"playstream process: topic {options.Topic}, group {options.Group}, kafka {options.Kafka.BootstrapServers}, redis {options.Redis.Describe()}, elasticsearch {string.Join(',', options.Elasticsearch.Urls)}");
            var summary = new StreamProcessor(options, message => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}"))
                .RunAsync(stop.Token).GetAwaiter().GetResult();
            AnsiConsole.MarkupLine($"processed {summary.Records:N0} records ({summary.Replayed:N0} replays skipped) in {summary.Elapsed.TotalSeconds:F1} s: " +
                $"{summary.Events:N0} events, {summary.DeadLetters:N0} dead letters, {summary.PlaysIndexed:N0} plays indexed, {summary.Flushes} flushes");
            return 0;
        }));
        return command;
    }
}
