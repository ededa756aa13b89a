using System.CommandLine;
using Playstream.Settings;
using Playstream.Processor;
using Playstream.Processor.Metrics;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream process</c>: the full-stack pipeline, one member of a Kafka consumer group.</summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var topic = new Option<string>("--topic") { Description = "Topic of raw play lines (the original's is `realtime`)", Required = true };
        var group = new Option<string>("--group") { Description = "Consumer group; instances in one group share the partitions", DefaultValueFactory = _ => "playstream" };
        var untilIdle = new Option<bool>("--until-idle") { Description = "Exit once the group has taken every partition to its end and written everything (whichever member holds it)" };
        var noPlays = new Option<bool>("--no-plays") { Description = "Do not index the enriched plays (results only)" };
        var flush = new Option<string>("--flush-interval") { Description = "How often each partition commits its state and sends its counts on (results follow within a fraction of it)", DefaultValueFactory = _ => "1s" };
        var idlePartition = new Option<string>("--idle-partition-timeout") { Description = "With --allowed-lateness: a partition without plays for this long no longer holds the final horizon back", DefaultValueFactory = _ => "1m" };
        var lateness = AllowedLatenessOption.Create("For endless streams: a play this far behind its partition's latest (e.g. 1h) is a dead letter `late`; default: any lateness");
        var deadLetters = new Option<string?>("--dead-letter-topic") { Description = "Topic for dead letters (default TOPIC-dead-letters)" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus /metrics and /health on this port (default: off)" };
        var reportFile = new Option<string?>("--report") { Description = "At exit, write this member's figures (CPU, commits, restores) to this JSON file" };
        var threads = new Option<int>("--threads") { Description = "How many of this member's partitions are worked on at once (default: one per core)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var metricsHost = new Option<string>("--metrics-host") { Description = "Address for --metrics-port (0.0.0.0 for every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var connection = new ConnectionOptions();
        var analytics = new AnalyticsOptions();

        var command = new Command("process", "Consume plays from Kafka, enrich from Redis, compute, write to Elasticsearch and Redis");
        foreach (var option in new Option[] { topic, group, untilIdle, noPlays, flush, idlePartition, lateness, deadLetters, metricsPort, metricsHost, reportFile, threads })
            command.Options.Add(option);
        connection.AddTo(command);
        analytics.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var settings = connection.Read(result);
            var flushText = result.GetValue(flush)!;
            if (!DurationParser.TryParseSeconds(flushText, out var flushSeconds) || flushSeconds < 1)
                throw new Core.Engine.SettingsException($"--flush-interval: '{flushText}' is not a duration of at least 1s");
            var idleText = result.GetValue(idlePartition)!;
            if (!DurationParser.TryParseSeconds(idleText, out var idleSeconds) || idleSeconds < 1)
                throw new Core.Engine.SettingsException($"--idle-partition-timeout: '{idleText}' is not a duration of at least 1s");
            var allowedLateness = AllowedLatenessOption.Read(result, lateness);
            var threadCount = result.GetValue(threads);
            if (threadCount < 1)
                throw new Core.Engine.SettingsException($"--threads: {threadCount} is not a count of at least 1");
            var options = new StreamProcessorOptions
            {
                AllowedLateness = allowedLateness,
                Topic = result.GetValue(topic)!,
                Group = result.GetValue(group)!,
                UntilIdle = result.GetValue(untilIdle),
                IndexPlays = !result.GetValue(noPlays),
                FlushInterval = TimeSpan.FromSeconds(flushSeconds),
                PartitionIdleTimeout = TimeSpan.FromSeconds(idleSeconds),
                Threads = threadCount,
                DeadLetterTopic = result.GetValue(deadLetters),
                Analytics = analytics.Read(result),
                Kafka = ConnectorOptions.Kafka(settings),
                Redis = ConnectorOptions.Redis(settings),
                Elasticsearch = ConnectorOptions.Elasticsearch(settings),
                IndexPrefix = settings.Elasticsearch.IndexPrefix,
            };
            using var stop = StopSignal.Listen();
            Console.Error.WriteLine($"playstream process: topic {options.Topic}, group {options.Group}, kafka {options.Kafka.BootstrapServers}, redis {options.Redis.Describe()}, elasticsearch {string.Join(',', options.Elasticsearch.Urls)}");
            Action<string> report = message => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}");
            var monitoring = StartMonitoring(options, result.GetValue(metricsPort), result.GetValue(metricsHost)!);
            ProcessorSummary summary;
            try
            {
                var processor = new StreamProcessor(options, monitoring?.Metrics.Watch(report) ?? report) { Metrics = monitoring?.Metrics };
                summary = processor.RunAsync(stop.Token).GetAwaiter().GetResult();
                if (result.GetValue(reportFile) is { } path && processor.Stats is { } stats)
                    ProcessorReport.Of(summary, stats).WriteTo(path);
            }
            catch (OperationCanceledException) when (stop.Requested)
            {
                // Stopped while starting (waiting for a server, creating topics): nothing was taken, so nothing is owed.
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} stopped while starting, before taking any partition");
                return 0;
            }
            catch (Exception e) when (e is not OperationCanceledException && monitoring is not null)
            {
                // /health answers 503 for a while before the process exits, so a probe or a scrape sees why it went.
                monitoring.Metrics.Failed(e);
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} stopped: {e.Message}; /health answers 503 for {FailedLinger.TotalSeconds:0}s (Ctrl-C ends it)");
                stop.Token.WaitHandle.WaitOne(FailedLinger);
                throw;
            }
            finally
            {
                monitoring?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            AnsiConsole.MarkupLine($"processed {summary.Records:N0} records in {summary.Elapsed.TotalSeconds:F1} s ({summary.RecordsPerSecond:N0}/s): {summary.Events:N0} events taken here, " +
                $"{summary.Repartitioned:N0} sent on to their customer's partition, {summary.ShipperDuplicates:N0} resends skipped, {summary.PlaysIndexed:N0} plays indexed, {summary.Flushes:N0} commits" +
                (options.UntilIdle ? summary.GroupFinished ? "; the group finished" : "; stopped before the group finished" : ""));
            return 0;
        }));
        return command;
    }

    private static readonly TimeSpan FailedLinger = TimeSpan.FromSeconds(15);

    private static ProcessorMonitoring? StartMonitoring(StreamProcessorOptions options, int? port, string host)
    {
        if (port is null)
            return null;
        if (port is < 1 or > 65535)
            throw new Core.Engine.SettingsException($"--metrics-port: {port} is not a port (1-65535)");
        try
        {
            var monitoring = ProcessorMonitoring.Start(options, host, port.Value);
            Console.Error.WriteLine($"metrics on {monitoring.Url}metrics, health on {monitoring.Url}health");
            return monitoring;
        }
        catch (System.Net.HttpListenerException e)
        {
            throw new Core.Engine.SettingsException($"--metrics-port: cannot listen on {host}:{port} ({e.Message})");
        }
    }
}
