using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using Playstream.IntegrationTests.Kafka;

namespace Playstream.IntegrationTests.Shipping;

/// <summary>
/// <c>playstream ship</c> as a separate process, stopped in the middle (SIGTERM, and kill -9) and
/// started again: after a clean stop the topic holds every line exactly once, after a kill at least once.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class ShipProcessTests(KafkaBroker broker) : IDisposable
{
    private const int Partitions = 3;
    private const int Lines = 120_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("playstream-it-shipproc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_clean_stop_in_the_middle_then_a_restart_ships_every_line_exactly_once()
    {
        var topic = await broker.CreateTopicAsync("ship-sigterm", Partitions);
        var (log, written) = WriteLog();
        using (var first = StartShip(log, topic, slow: true))
        {
            WaitForRecords(topic, 5_000, first);
            using (var kill = Process.Start("kill", ["-TERM", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(60)), "the shipper did not stop on SIGTERM");
            Assert.Equal(0, first.ExitCode);
        }
        Assert.True(SavedOffset(topic) < new FileInfo(log).Length, "the first run was not stopped in the middle");
        Assert.True(PositionsClean(topic));
        RunToEnd(log, topic);

        ShipLog.AssertShipped(TopicContents.Read(broker.Options(), topic, Partitions), written, exactlyOnce: true);
    }

    [Fact]
    public async Task A_kill_9_in_the_middle_then_a_restart_ships_every_line_at_least_once()
    {
        var topic = await broker.CreateTopicAsync("ship-kill9", Partitions);
        var (log, written) = WriteLog();
        using (var first = StartShip(log, topic, slow: true))
        {
            WaitForRecords(topic, 5_000, first);
            // Wait until a position was saved, so the restart resumes in the middle rather than at the start.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (SavedOffset(topic) == 0 && DateTime.UtcNow < deadline)
                Thread.Sleep(50);
            first.Kill(); // SIGKILL: no flush, no final save
            await first.WaitForExitAsync();
        }
        var resumedAt = SavedOffset(topic);
        Assert.InRange(resumedAt, 1, new FileInfo(log).Length - 1);
        RunToEnd(log, topic);

        ShipLog.AssertShipped(TopicContents.Read(broker.Options(), topic, Partitions), written, exactlyOnce: false);
    }

    private (string Path, string[] Lines) WriteLog()
    {
        var path = Path.Combine(_folder, "plays.log");
        var text = ShipLog.Lines(0, Lines);
        File.WriteAllText(path, text);
        return (path, text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private string PositionsFolder => Path.Combine(_folder, "positions");

    private long SavedOffset(string topic)
    {
        var file = Path.Combine(PositionsFolder, topic + ".positions.json");
        if (!File.Exists(file))
            return 0;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            return json.RootElement.GetProperty("files").EnumerateArray().Sum(f => f.GetProperty("offset").GetInt64());
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private bool PositionsClean(string topic)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(PositionsFolder, topic + ".positions.json")));
        return json.RootElement.GetProperty("clean").GetBoolean();
    }

    /// <param name="slow">Small batches and a small queue, so the run is still going when it is stopped.</param>
    private Process StartShip(string log, string topic, bool slow, bool exitAtEof = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "Playstream.Cli.dll"), "ship", log, "--topic", topic,
            "--positions", PositionsFolder, "--bootstrap", broker.BootstrapServers];
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (slow)
        {
            foreach (var argument in new[] { "--linger-ms", "50", "--max-queued-lines", "100" })
                start.ArgumentList.Add(argument);
        }
        if (exitAtEof)
            start.ArgumentList.Add("--exit-at-eof");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void RunToEnd(string log, string topic)
    {
        using var process = StartShip(log, topic, slow: false, exitAtEof: true);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the restarted shipper did not finish");
        Assert.Equal(0, process.ExitCode);
    }

    private void WaitForRecords(string topic, long records, Process shipper)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(broker.Options().ToConsumerConfig("playstream-it-count"))
            .SetLogHandler((_, _) => { }).Build();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.False(shipper.HasExited, "the shipper ended before it was stopped");
            var total = Enumerable.Range(0, Partitions)
                .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
            if (total >= records)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"only {total} records arrived");
            Thread.Sleep(50);
        }
    }
}
