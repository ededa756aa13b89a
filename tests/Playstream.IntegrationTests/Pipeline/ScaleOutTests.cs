using System.Diagnostics;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Pipeline;

/// <summary>
/// Several <c>process</c> instances in one consumer group (6 partitions of held-out plays not
/// keyed by customer, and a 3-partition topic): the results
/// equal one instance's (the brute force's), also when an instance is killed with kill -9 in
/// the middle and another takes its partitions over from their checkpoints.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ScaleOutTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis) : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Held_out_plays_not_keyed_by_customer_in_6_partitions_give_the_reference_with_any_number_of_instances(int instances)
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = Generate(pipeline, events: 60_000, "--held-out");
        await pipeline.StartAsync(data.Customers, data.Tracks, partitions: 6);
        var lines = File.ReadAllLines(data.Events);
        // Several members: appended while they start, so that all of them join before the job is
        // done. One member: the topic is whole before it starts, so only the job's end can make it idle.
        var producing = pipeline.ProduceLiveAsync(lines, perSecond: instances == 1 ? int.MaxValue : 5_000);
        if (instances == 1)
            await producing;

        var members = Enumerable.Range(0, instances).Select(_ => pipeline.StartProcess("--no-plays")).ToList();
        List<CliProcess.Outcome> outcomes;
        try
        {
            await producing;
            outcomes = [.. await Task.WhenAll(members.Select(Finish))];
            if (instances > 1)
            {
                // One more member once every line is in, for the reason GroupFailureTests' members
                // add one (Members.AddFinisher): a stall of the live producer can end the job early.
                using var finisher = pipeline.StartProcess("--no-plays");
                outcomes.Add(await Finish(finisher));
            }
            Assert.All(outcomes, o => Assert.True(o.ExitCode == 0 && o.Error.Contains(GroupFailureTests.Done, StringComparison.Ordinal), o.Error));
            // With more than one member, plays not in their customer's partition took the repartition hop.
            if (instances > 1)
            {
                Assert.All(outcomes, o => Assert.Matches(@"partition \d+: (new|restored)", o.Error));
                Assert.Contains(outcomes, o => System.Text.RegularExpressions.Regex.IsMatch(o.Error, @"\([1-9][0-9,]* sent on to their customer's partition"));
            }
        }
        finally
        {
            members.ForEach(m => m.Dispose());
        }

        try
        {
            ResultsAssert.Equal(StackPipeline.Reference(lines, data.Customers, data.Tracks), pipeline.Export());
        }
        catch (ResultsMismatchException e)
        {
            // What each member read and when it ended tells a job ended early from a play lost.
            Assert.Fail($"{e.Message}\n{lines.Length:N0} lines produced; the members said:\n" + string.Join("\n---\n", outcomes.Select(o => o.Output.Trim() + "\n" + Tail(o.Error, 12))));
        }
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    [Fact]
    public async Task Two_instances_together_give_the_results_of_one()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = Generate(pipeline, events: 40_000);
        await pipeline.StartAsync(data.Customers, data.Tracks);
        var lines = File.ReadAllLines(data.Events);
        pipeline.Produce(lines);

        using var first = pipeline.StartProcess();
        using var second = pipeline.StartProcess();
        var outcomes = await Task.WhenAll(Finish(first), Finish(second));
        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Error));

        ResultsAssert.Equal(StackPipeline.Reference(lines, data.Customers, data.Tracks), pipeline.Export());
        Assert.Equal(lines.Length, await pipeline.IndexedPlaysAsync());
    }

    [Fact]
    public async Task An_instance_killed_mid_stream_is_replaced_and_nothing_is_lost_or_counted_twice()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = Generate(pipeline, events: 150_000);
        await pipeline.StartAsync(data.Customers, data.Tracks);
        var lines = File.ReadAllLines(data.Events);
        pipeline.Produce(lines);

        // Killed right after its first flush: some partitions checkpointed, plays indexed, the rest unread.
        using (var doomed = pipeline.StartProcess("--kafka-property", "fetch.message.max.bytes=65536"))
        {
            var flushed = await WaitForLineAsync(doomed, "flushed:", TimeSpan.FromMinutes(2));
            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
            Assert.True(flushed, "the first instance never flushed");
        }

        using var replacement = pipeline.StartProcess();
        var outcome = await Finish(replacement);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        Assert.Contains("restored from its checkpoint", outcome.Error, StringComparison.Ordinal);

        ResultsAssert.Equal(StackPipeline.Reference(lines, data.Customers, data.Tracks), pipeline.Export());
        Assert.Equal(lines.Length, await pipeline.IndexedPlaysAsync());
    }

    private sealed record Data(string Events, string Customers, string Tracks);

    private static Data Generate(StackPipeline pipeline, int events, params string[] shape)
    {
        var directory = pipeline.Folder.File("data");
        var generated = CliProcess.Run(pipeline.Folder.Path, ["generate", "--out", directory, "--events", events.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--customers", "800", "--tracks", "300", "--days", "2", "--seed", "5", .. shape]);
        Assert.True(generated.ExitCode == 0, generated.Error);
        return new Data(Path.Combine(directory, "tracks.csv"), Path.Combine(directory, "cust.csv"), Path.Combine(directory, "music.csv"));
    }

    private static Task<CliProcess.Outcome> Finish(Process process) => CliProcess.FinishAsync(process, TimeSpan.FromMinutes(4));

    private static async Task<bool> WaitForLineAsync(Process process, string text, TimeSpan limit)
    {
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
                if (line.Contains(text, StringComparison.Ordinal))
                    return true;
        }
        catch (OperationCanceledException)
        {
        }
        return false;
    }
}
