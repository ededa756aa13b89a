using System.Globalization;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Pipeline;
using Playstream.IntegrationTests.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Cli.Commands;

/// <summary>
/// <c>playstream status</c> against a real group of two running <c>process</c> instances on a
/// 3-partition topic: both members listed with the partitions they hold (all three between
/// them), and once they caught up, every partition committed up to its high watermark (which
/// add up to the records produced), lag 0, and its Redis checkpoint at the committed offset.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class StatusCommandTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis) : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>
{
    [Fact]
    public async Task Status_shows_the_members_their_partitions_offsets_lag_and_checkpoints()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = ProcessMetricsTests.Generated(pipeline, events: 5_000);
        await pipeline.StartAsync(data.Customers, data.Tracks);
        var lines = File.ReadAllLines(data.Events);
        pipeline.Produce(lines);

        string[] run = ["process", "--topic", pipeline.Topic, "--group", pipeline.Group, "--flush-interval", "1s", .. pipeline.Connection];
        using var first = CliProcess.Start(pipeline.Folder.Path, run);
        using var second = CliProcess.Start(pipeline.Folder.Path, run);
        foreach (var p in new[] { first, second })
        {
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
        }
        try
        {
            // Until the second member has joined and the rebalance is over, the group is not Stable.
            var table = await WaitForStatusAsync(pipeline, t => t.Header.Contains(": Stable,", StringComparison.Ordinal) && t.Members.Count == 2 && t.Partitions.Count == 3
                && t.Members.All(m => m.Partitions.Count > 0)
                && t.Partitions.All(p => p.Committed == p.High && p.Checkpoint == p.Committed), first, second);

            Assert.EndsWith(": Stable, 2 member(s), total lag 0", table.Header, StringComparison.Ordinal);
            Assert.Equal([0, 1, 2], table.Members.SelectMany(m => m.Partitions).Order());
            Assert.All(table.Members, m => Assert.Equal("playstream", m.ClientId));
            Assert.Equal(lines.Length, table.Partitions.Sum(p => p.High));
            Assert.All(table.Partitions, p => Assert.Equal(0, p.Lag));
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            second.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            await second.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Without_redis_status_still_shows_kafka_and_says_why_checkpoints_are_missing()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        await pipeline.StartAsync(Fixtures.Customers, Fixtures.Tracks, partitions: 2);
        pipeline.Produce(["1,48,453,\"2014-10-23 03:26:20\",0,\"72132\""]);
        var connection = pipeline.Connection.ToArray();
        connection[Array.IndexOf(connection, "--redis") + 1] = "127.0.0.1:1";

        var outcome = CliProcess.Run(pipeline.Folder.Path, ["status", "--topic", pipeline.Topic, "--group", pipeline.Group, .. connection]);

        Assert.True(outcome.ExitCode == 0, outcome.Error + outcome.Output);
        var table = StatusTable.Parse(outcome.Output);
        Assert.Empty(table.Members);
        Assert.Equal(2, table.Partitions.Count);
        Assert.Equal(1, table.Partitions.Sum(p => p.High));
        Assert.All(table.Partitions, p => Assert.Null(p.Committed));
        Assert.Equal(1, table.Partitions.Sum(p => p.Lag));
        Assert.Contains("checkpoints: redis at 127.0.0.1:1 is not reachable", outcome.Output, StringComparison.Ordinal);
    }

    private static async Task<StatusTable> WaitForStatusAsync(StackPipeline pipeline, Func<StatusTable, bool> done, params System.Diagnostics.Process[] processes)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        StatusTable? last = null;
        while (DateTime.UtcNow < deadline)
        {
            Assert.All(processes, p => Assert.False(p.HasExited, "a process exited"));
            var outcome = CliProcess.Run(pipeline.Folder.Path, ["status", "--topic", pipeline.Topic, "--group", pipeline.Group, .. pipeline.Connection]);
            Assert.True(outcome.ExitCode == 0, outcome.Error + outcome.Output);
            last = StatusTable.Parse(outcome.Output);
            if (done(last))
                return last;
            await Task.Delay(500);
        }
        Assert.Fail($"status never showed both members caught up; last:\n{last?.Text}");
        return last!;
    }

    /// <summary>The two tables <c>status</c> prints, read back from its text.</summary>
    private sealed record StatusTable(string Text, string Header, List<(string ClientId, List<int> Partitions)> Members,
        List<(int Partition, long? Committed, long High, long Lag, long? Checkpoint)> Partitions)
    {
        public static StatusTable Parse(string text)
        {
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var members = new List<(string, List<int>)>();
            var partitions = new List<(int, long?, long, long, long?)>();
            var section = "";
            foreach (var line in lines)
            {
                var trimmed = line.Trim();
                if (trimmed is "members" or "partitions")
                    section = trimmed;
                if (!trimmed.StartsWith('│'))
                    continue;
                var cells = trimmed.Trim('│').Split('│').Select(c => c.Trim()).ToArray();
                // Headers, and the continuation lines of a cell too long for the terminal.
                if (cells[0] is "client id" or "partition" or "")
                    continue;
                if (section == "members")
                    members.Add((cells[0], cells[3] == "-" ? [] : cells[3].Split(',').Select(int.Parse).ToList()));
                else if (section == "partitions")
                    partitions.Add((int.Parse(cells[0], CultureInfo.InvariantCulture), Offset(cells[1]), Offset(cells[2])!.Value, Offset(cells[3])!.Value, Offset(cells[4])));
            }
            return new StatusTable(text, lines.FirstOrDefault(l => l.StartsWith("group ", StringComparison.Ordinal)) ?? "", members, partitions);
        }

        private static long? Offset(string cell) =>
            cell == "-" ? null : long.Parse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
