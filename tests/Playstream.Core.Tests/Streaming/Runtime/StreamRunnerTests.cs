using Playstream.Core.Events;
using Playstream.Core.Streaming.Keys;
using Playstream.Core.Tests.Engine;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming.Runtime;

/// <summary>
/// The streaming job through the test driver, against the brute-force reference: any number of
/// members, records keyed by customer or not, members joining, crashing, stalling past their
/// session and stopping; the results are always those of the whole log, counted once.
/// </summary>
public class StreamRunnerTests
{
    public static TheoryData<int, string> Cases() => new() { { 1, "default" }, { 2, "small" }, { 3, "small" } };

    private static Core.Engine.AnalyticsSettings Settings(string name) => name == "small" ? StreamingLogs.Small : Core.Engine.AnalyticsSettings.Default;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task One_member_on_unkeyed_records_gives_the_reference(int seed, string settings)
    {
        var log = RandomEventLog.Generate(seed, 3000);
        using var driver = StreamingLogs.Driver(log, Settings(settings), seed: seed);
        driver.PipeUnkeyed(StreamingLogs.Lines(log));
        driver.Join("a");
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(Settings(settings)), driver.Results.Results());
        Assert.Equal(log.Entries.Count(e => e.DeadLetter is not null), driver.DeadLetters.Letters.Count);
        // Unkeyed records mostly sit in another customer's partition: most went through the repartition topic, several lines to a record.
        var records = driver.Topics.Repartition.Sum(p => p.Count);
        var lines = driver.Topics.Repartition.Sum(p => p.Sum(r => LinesIn(r.Key, r.Value)));
        Assert.True(lines > log.Entries.Count / 2, $"{lines} of {log.Entries.Count} lines took the hop");
        Assert.True(records < lines / 2, $"{lines} lines took the hop in {records} records");
    }

    private static int LinesIn(byte[] key, byte[] value)
    {
        Assert.True(RepartitionBatch.TryReadKey(key, out _, out var first));
        var reader = RepartitionBatch.Read(value, first);
        var count = 0;
        while (reader.Next(out _, out _))
            count++;
        return count;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Three_members_on_unkeyed_records_give_the_reference(int seed, string settings)
    {
        var log = RandomEventLog.Generate(seed, 3000);
        using var driver = StreamingLogs.Driver(log, Settings(settings), seed: seed);
        driver.PipeUnkeyed(StreamingLogs.Lines(log));
        driver.Join("a");
        driver.Join("b");
        driver.Join("c");
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(Settings(settings)), driver.Results.Results());
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    public async Task Members_working_on_several_partitions_at_once_give_the_reference(int members, int threads)
    {
        var log = RandomEventLog.Generate(7, 3000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small, seed: 7);
        driver.PipeUnkeyed(StreamingLogs.Lines(log));
        for (var i = 0; i < members; i++)
            driver.Join($"m{i}", driver.Options with { Threads = threads });
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
        Assert.Equal(log.Entries.Count(e => e.DeadLetter is not null), driver.DeadLetters.Letters.Count);
    }

    [Fact]
    public async Task After_a_long_results_write_the_stores_rest_while_records_come_in_but_not_once_they_stop()
    {
        var log = RandomEventLog.Generate(11, 3000);
        var lines = StreamingLogs.Lines(log).ToList();
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        driver.Results.Delay = TimeSpan.FromMilliseconds(100);
        // A write of 100 ms or more then keeps the stores to themselves for at least 5 s while reading goes on.
        driver.Join("a", driver.Options with { ResultsWriteFactor = 50, QuietBeforeCheck = TimeSpan.FromMilliseconds(300) });
        var flowing = System.Diagnostics.Stopwatch.StartNew();
        var piped = 0;
        // Records flow until 1.5 s after the first results write was seen: a cold test process on a
        // loaded machine may take that long to make its first one (a clone's first test run did).
        TimeSpan? firstWrite = null;
        while (piped < lines.Count && flowing.Elapsed < TimeSpan.FromSeconds(10)
            && (firstWrite is null || flowing.Elapsed - firstWrite < TimeSpan.FromSeconds(1.5)))
        {
            driver.PipeUnkeyed(lines.Skip(piped).Take(5));
            piped = Math.Min(lines.Count, piped + 5);
            await driver.StepAllAsync();
            await Task.Delay(10);
            if (firstWrite is null && driver.Results.WriteTimes.Count > 0)
                firstWrite = flowing.Elapsed;
        }
        var stopped = InMemoryResultSink.Now;
        var duringFlow = driver.Results.WriteTimes;
        // Without the rest a write would start at every step after the last one ended, ten or more in that time.
        Assert.True(duringFlow.Count is >= 1 and <= 2, $"{duringFlow.Count} results writes while records came in");

        driver.PipeUnkeyed(lines.Skip(piped));
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
        // Once quiet the pending results go at once (after the quiet spell that tells reading has stopped), not 5 s after the last write.
        var next = driver.Results.WriteTimes.Skip(duringFlow.Count).First();
        Assert.True(next.Start - Max(stopped, duringFlow[^1].End) < TimeSpan.FromSeconds(3),
            $"the first write after the records stopped began {(next.Start - stopped).TotalSeconds:F1} s after them");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [Fact]
    public async Task Records_keyed_by_customer_skip_the_repartition_topic()
    {
        var log = RandomEventLog.Generate(7, 3000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        driver.PipeKeyedByCustomer(StreamingLogs.Lines(log));
        driver.Join("a");
        driver.Join("b");
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
        Assert.All(driver.Topics.Repartition, partition => Assert.Empty(partition));
    }

    [Fact]
    public async Task A_line_sent_twice_by_the_shipper_is_counted_once()
    {
        var log = RandomEventLog.Generate(8, 2000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        driver.PipeKeyedByCustomer(StreamingLogs.Lines(log));
        // A shipper restarted after a crash sends its last lines again: same keys, new offsets.
        foreach (var partition in driver.Topics.Input)
            partition.AddRange(partition.Skip(partition.Count / 2).ToList());
        driver.Join("a");
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
    }

    [Fact]
    public async Task Members_that_join_crash_and_rejoin_mid_stream_count_every_line_once()
    {
        var log = RandomEventLog.Generate(9, 4000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        // Members that commit only when they run out of records: a crash then loses work done and records sent on.
        var rarely = driver.Options with { FlushInterval = TimeSpan.FromHours(1) };
        var lines = StreamingLogs.Lines(log).ToList();
        driver.PipeUnkeyed(lines.Take(1500));
        var a = driver.Join("a", rarely);
        for (var i = 0; i < 3; i++)
            await driver.StepAllAsync();
        var b = driver.Join("b", rarely);
        driver.PipeUnkeyed(lines.Skip(1500).Take(1500));
        for (var i = 0; i < 4; i++)
            await driver.StepAllAsync();
        driver.Crash(a);
        driver.Join("c", rarely);
        for (var i = 0; i < 4; i++)
            await driver.StepAllAsync();
        driver.PipeUnkeyed(lines.Skip(3000));
        driver.Crash(b);
        driver.Join("d");
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
        Assert.Contains(driver.Reports, r => r.Contains("restored from its checkpoint", StringComparison.Ordinal));
        Assert.Contains(driver.Reports, r => r.Contains("restored", StringComparison.Ordinal) && !r.Contains(" 0 log entries", StringComparison.Ordinal));
        Assert.Contains(Enumerable.Range(0, 6), p => driver.Store.Stored(p).SnapshotBytes > 0);
    }

    [Fact]
    public async Task A_member_that_stalls_past_its_session_has_its_commits_refused_and_counts_nothing_twice()
    {
        var log = RandomEventLog.Generate(10, 4000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        var lines = StreamingLogs.Lines(log).ToList();
        driver.PipeUnkeyed(lines.Take(2000));
        var a = driver.Join("a");
        driver.Join("b");
        for (var i = 0; i < 10; i++)
            await driver.StepAllAsync();
        driver.Stall(a);
        driver.PipeUnkeyed(lines.Skip(2000));
        // b takes a's partitions over and goes on...
        foreach (var b in driver.Members.Where(m => m != a).ToList())
            for (var i = 0; i < 10; i++)
                await b.Runner.StepAsync(CancellationToken.None);
        // ...then a resumes, still believing it holds its partitions, and tries to commit.
        for (var i = 0; i < 5; i++)
            await a.Runner.StepAsync(CancellationToken.None);
        Assert.True(driver.Store.Refused > 0, "the stalled member's commits were not refused");
        Assert.Contains(driver.Reports, r => r.StartsWith("a: ", StringComparison.Ordinal) && r.Contains("another member has taken it over", StringComparison.Ordinal));
        driver.Wake(a);
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
        Assert.Equal(driver.Results.SummaryEvents.Order(), driver.Results.SummaryEvents);
    }

    [Fact]
    public async Task A_store_that_lost_its_state_refuses_the_next_commit_and_the_member_claims_its_partitions_again()
    {
        var log = RandomEventLog.Generate(14, 3000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        var lines = StreamingLogs.Lines(log).ToList();
        driver.PipeUnkeyed(lines.Take(1500));
        var a = driver.Join("a", driver.Options with { ReclaimAfterFenced = TimeSpan.Zero });
        for (var i = 0; i < 10; i++)
            await driver.StepAllAsync();
        driver.Store.Forget();
        driver.PipeUnkeyed(lines.Skip(1500));
        for (var i = 0; i < 3; i++)
            await a.Runner.StepAsync(CancellationToken.None);
        Assert.True(driver.Store.Refused > 0, "a commit against the lost epochs was not refused");
        Assert.Contains(driver.Reports, r => r.Contains("claiming it again", StringComparison.Ordinal));
        // No rebalance comes (the group still gives a its partitions): it re-reads them from the start.
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
    }

    [Fact]
    public async Task A_member_stopped_mid_stream_hands_its_work_over_committed()
    {
        var log = RandomEventLog.Generate(11, 3000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        driver.PipeUnkeyed(StreamingLogs.Lines(log));
        var a = driver.Join("a");
        driver.Join("b");
        for (var i = 0; i < 8; i++)
            await driver.StepAllAsync();
        await driver.StopAsync(a);
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
    }

    [Fact]
    public async Task A_store_that_is_down_is_waited_for_and_nothing_is_lost()
    {
        var log = RandomEventLog.Generate(12, 2000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small);
        driver.PipeUnkeyed(StreamingLogs.Lines(log));
        driver.Join("a");
        for (var i = 0; i < 5; i++)
            await driver.StepAllAsync();
        driver.Store.Down = true;
        var stepping = driver.StepAllAsync();
        await Task.Delay(100);
        driver.Store.Down = false;
        await stepping;
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), driver.Results.Results());
        Assert.Contains(driver.Reports, r => r.Contains("the task store is down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Late_plays_are_dead_letters_and_the_state_of_final_windows_goes()
    {
        var log = RandomEventLog.Generate(13, 3000);
        using var driver = StreamingLogs.Driver(log, StreamingLogs.Small, partitions: 3, allowedLatenessSeconds: 3600);
        var byTime = log.Entries.Where(e => e.Play is not null).OrderBy(e => e.Play!.Value.Time).Select(e => e.Line).ToList();
        driver.PipeUnkeyed(byTime);
        driver.Join("a");
        await driver.RunUntilIdleAsync();
        var results = driver.Results.Results();
        Assert.Equal(byTime.Count, results.Summary.Events + results.Summary.DeadLetters);
        Assert.All(driver.DeadLetters.Letters, l => Assert.Equal(DeadLetterReason.Late, l.Reason));
    }
}
