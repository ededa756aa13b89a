using Playstream.Core.Pipeline;
using Playstream.Core.Tests.Engine;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming.Runtime;

/// <summary>
/// A flush while records come in: the member reads on while the plays before the cut are stored,
/// commits the positions of the cut once they are, and cuts no second flush meanwhile.
/// </summary>
public class StreamRunnerFlushTests
{
    /// <summary>A plays sink whose first flush ends only when the test says so; the others end at once.</summary>
    private sealed class GatedPlaySink : IPlaySink
    {
        private readonly TaskCompletionSource _gate = new();
        private long _plays;

        public int Flushes { get; private set; }
        public long Plays => Interlocked.Read(ref _plays);
        public long PlaysWritten => Plays;

        public void Write(PlayBatch batch) => Interlocked.Add(ref _plays, batch.Count);

        public Task FlushAsync(CancellationToken cancellationToken = default)
        {
            if (++Flushes > 1)
                return Task.CompletedTask;
            return _gate.Task;
        }

        public void Open() => _gate.SetResult();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>One member on two partitions of keyed plays, writing them into a gated sink.</summary>
    private static (TopologyTestDriver Driver, GatedPlaySink Plays, TopologyTestDriver.Member Member) Start(RandomEventLog log)
    {
        var driver = StreamingLogs.Driver(log, StreamingLogs.Small, partitions: 2);
        var plays = new GatedPlaySink();
        driver.Plays = plays;
        driver.PipeKeyedByCustomer(StreamingLogs.Lines(log));
        return (driver, plays, driver.Join("a"));
    }

    // A step that waited for the flush's plays would never end: bounded, so that it fails instead.
    private static Task Step(TopologyTestDriver.Member member) =>
        member.Runner.StepAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

    private static async Task<Dictionary<int, long>> CommittedInputs(TopologyTestDriver driver) =>
        (await driver.Store.ReadGroupAsync(CancellationToken.None)).Progress.ToDictionary(p => p.Key, p => p.Value.InputNext);

    [Fact]
    public async Task A_member_reads_on_while_a_flush_waits_for_its_plays_then_commits_the_positions_of_its_cut()
    {
        var log = RandomEventLog.Generate(7, 3000);
        var (driver, plays, member) = Start(log);
        using var _ = driver;

        await Step(member);
        Assert.Equal(1, plays.Flushes);
        var cut = member.Runner.Positions;
        Assert.All(cut, p => Assert.True(p.InputNext > 0, $"partition {p.Partition} read nothing before the first flush"));
        Assert.Equal(0, driver.Store.Commits);

        for (var i = 0; i < 5; i++)
            await Step(member);
        // Read on: every partition past its cut, with no commit and no second flush while the first waits.
        Assert.All(member.Runner.Positions, p => Assert.True(p.InputNext > cut.Single(c => c.Partition == p.Partition).InputNext));
        Assert.Equal(1, plays.Flushes);
        Assert.Equal(0, driver.Store.Commits);

        plays.Open();
        // The commit follows the stored plays on the thread that stored them, not at a step.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (driver.Store.Commits == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10);
        Assert.Equal(cut.ToDictionary(p => p.Partition, p => p.InputNext), await CommittedInputs(driver));

        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
        Assert.Equal(log.Entries.Count(e => e.DeadLetter is null), plays.Plays);
    }

    [Fact]
    public async Task A_stop_waits_for_the_flush_under_way_and_commits_everything_read()
    {
        var (driver, plays, member) = Start(RandomEventLog.Generate(8, 2000));
        using var _ = driver;
        for (var i = 0; i < 3; i++)
            await Step(member);
        Assert.Equal(0, driver.Store.Commits);

        var stopping = member.Runner.FinishAsync();
        await Task.Delay(50);
        Assert.False(stopping.IsCompleted, "the stop ended before the flush under way was stored");
        plays.Open();
        await stopping;

        Assert.Equal(member.Runner.Positions.ToDictionary(p => p.Partition, p => p.InputNext), await CommittedInputs(driver));
        Assert.True(plays.Flushes >= 2, "the stop cut no flush of its own after the one under way");
    }
}
