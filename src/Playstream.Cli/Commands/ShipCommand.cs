using System.CommandLine;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;
using Playstream.Settings;
using Playstream.Shipping;
using Playstream.Shipping.Positions;
using Playstream.Shipping.Sinks;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream ship PATH|GLOB... --topic NAME</c>: the Logstash replacement. Follows log files and
/// sends every complete line to a Kafka topic keyed by customer_id, keeping acknowledged positions
/// on disk so that a restart resumes where Kafka confirmed.
/// </summary>
internal static class ShipCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Files or quoted wildcard patterns (*, ?, [..]) to follow", Arity = ArgumentArity.OneOrMore };
        var topic = new Option<string>("--topic") { Description = "Kafka topic to send the lines to", Required = true };
        var positions = new Option<string?>("--positions") { Description = "Folder of the acknowledged positions (default PLAYSTREAM_HOME/ship-positions)" };
        var from = new Option<string>("--from") { Description = "Where a file never seen before starts: beginning or end", DefaultValueFactory = _ => "beginning" };
        from.AcceptOnlyFromAmong("beginning", "end");
        var exitAtEof = new Option<bool>("--exit-at-eof") { Description = "Ship what the files hold now, then stop" };
        var stdout = new Option<bool>("--stdout") { Description = "Print each line as a parsed event instead of sending it (no Kafka, no positions)" };
        var acks = new Option<string>("--acks") { Description = "Acknowledgement a line needs: all, 1 or 0", DefaultValueFactory = _ => "all" };
        acks.AcceptOnlyFromAmong("all", "1", "0");
        var linger = new Option<double>("--linger-ms") { Description = "Wait this long to fill a batch", DefaultValueFactory = _ => KafkaLineSink.DefaultSettings.LingerMs };
        var batch = new Option<int>("--batch-bytes") { Description = "Most bytes in one batch", DefaultValueFactory = _ => KafkaLineSink.DefaultSettings.BatchSizeBytes };
        var compression = new Option<string>("--compression") { Description = "none, gzip, snappy, lz4 or zstd", DefaultValueFactory = _ => KafkaLineSink.DefaultSettings.Compression.ToString().ToLowerInvariant() };
        compression.AcceptOnlyFromAmong("none", "gzip", "snappy", "lz4", "zstd");
        var maxLines = new Option<int>("--max-queued-lines") { Description = "Most lines held unacknowledged", DefaultValueFactory = _ => KafkaLineSink.DefaultSettings.MaxQueuedRecords };
        var maxKBytes = new Option<int>("--max-queued-kbytes") { Description = "Most kilobytes held unacknowledged", DefaultValueFactory = _ => KafkaLineSink.DefaultSettings.MaxQueuedKBytes };
        var connection = new ConnectionOptions();

        var command = new Command("ship", "Follow log files and send every line to a Kafka topic, keyed by customer_id");
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { topic, positions, from, exitAtEof, stdout, acks, linger, batch, compression, maxLines, maxKBytes })
            command.Options.Add(option);
        connection.AddKafkaTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var options = new ShipperOptions
            {
                Patterns = result.GetValue(paths)!,
                From = result.GetValue(from) == "end" ? StartPosition.End : StartPosition.Beginning,
                ExitAtEof = result.GetValue(exitAtEof),
            };
            var settings = KafkaLineSink.DefaultSettings with
            {
                Acks = result.GetValue(acks) switch { "1" => Acks.Leader, "0" => Acks.None, _ => Acks.All },
                LingerMs = result.GetValue(linger),
                BatchSizeBytes = result.GetValue(batch),
                Compression = Enum.Parse<CompressionType>(result.GetValue(compression)!, ignoreCase: true),
                MaxQueuedRecords = result.GetValue(maxLines),
                MaxQueuedKBytes = result.GetValue(maxKBytes),
            };
            var request = new ShipRequest(options, result.GetValue(topic)!,
                result.GetValue(positions) ?? Path.Combine(PlaystreamHome.Directory, "ship-positions"),
                result.GetValue(stdout), settings);
            return Run(request, () => connection.ReadKafka(result));
        }));
        return command;
    }

    private sealed record ShipRequest(ShipperOptions Options, string Topic, string PositionsFolder, bool ToStdout, ProducerSettings Settings);

    private static int Run(ShipRequest request, Func<Playstream.Kafka.Configuration.KafkaOptions> kafka)
    {
        // Ctrl-C and SIGTERM stop cleanly: reading ends, what was sent is flushed, positions are saved.
        using var stop = StopSignal.Listen();

        ShipStatusLine? status = null;
        void Log(string text)
        {
            if (status is not null)
                status.Notice(text);
            else
                Console.Error.WriteLine($"ship: {text}");
        }

        ILineSink sink;
        PositionStore? store = null;
        if (request.ToStdout)
        {
            sink = new ConsoleEventSink(Console.Out);
        }
        else
        {
            try
            {
                store = new PositionStore(request.PositionsFolder, request.Topic);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"playstream: {e.Message}");
                return CliErrors.Usage;
            }
            var options = kafka();
            options.Log = Log;
            KafkaBatchProducer.PreferSystemLibrary(); // the shipper's only Kafka client

            sink = new KafkaLineSink(options, request.Topic, request.Settings);
        }
        using (store)
        using (sink)
        using (var shipper = new Shipper(request.Options, sink, store, Log))
        {
            if (!request.ToStdout)
                status = new ShipStatusLine(shipper, sink);
            ShipResult result;
            try
            {
                result = shipper.Run(stop.Token);
            }
            finally
            {
                status?.Dispose();
                status = null;
            }
            ShipSummary.Write(request.ToStdout ? Console.Error : Console.Out, result, request.Topic, store?.FilePath);
            return result.Failure is null ? 0 : CliErrors.Failed;
        }
    }
}
