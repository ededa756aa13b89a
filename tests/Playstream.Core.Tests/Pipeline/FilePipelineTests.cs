using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Tests.Engine;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Pipeline;

/// <summary>
/// The bounded run over event files: any number of readers and any block size give the
/// brute-force reference's results, every play reaches the plays sink and every bad line the
/// dead letters with its file and line, and the counts of bytes, lines and blank lines add up.
/// </summary>
public sealed class FilePipelineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, PlayBlock.DefaultCapacity)]
    [InlineData(3, 7)]
    [InlineData(2, 64)]
    public void Any_readers_and_block_size_give_the_reference_results(int readers, int blockCapacity)
    {
        var log = RandomEventLog.Generate(seed: 8, count: 4_000);
        // Two files, the second with CRLF ends and blank lines: all one run, as `run --events a b` reads it.
        var lines = log.Entries.Select(e => e.Line).ToList();
        var first = _folder.Write("a.csv", string.Join('\n', lines.Take(1_500)) + "\n");
        var second = _folder.Write("b.csv", "\r\n" + string.Join("\r\n", lines.Skip(1_500)) + "\r\n \t\r\n");

        var result = FilePipeline.Run([first, second], log.Lookups(), AnalyticsSettings.Default, readers, null, new PlayBatchPool(),
            new CollectingDeadLetters(), blockCapacity: blockCapacity);

        ResultsAssert.Equal(log.Reference(AnalyticsSettings.Default), result.Analytics.ComputeResults());
        Assert.Equal(new FileInfo(first).Length + new FileInfo(second).Length, result.Bytes);
        Assert.Equal(lines.Count + 2, result.Lines); // the second file's first line and last line are blank
        Assert.Equal(2, result.BlankLines);
    }

    [Fact]
    public void Every_play_reaches_the_plays_sink_with_its_line_and_every_bad_line_the_dead_letters()
    {
        var file = _folder.Write("plays.csv",
            "1,10,100,\"2014-10-01 08:00:00\",1,\"02134\"\n" +
            "\n" +
            "2,11,x,\"2014-10-01 08:00:00\",0,\"1\"\n" +
            "3,12,102,\"2014-10-01 09:00:00\",0,\"\"\r\n" +
            "4,13\n");
        var pool = new PlayBatchPool(batchCapacity: 1); // a batch per play: each handed on as soon as it fills
        var plays = new CollectingPlaySink(pool);
        var deadLetters = new CollectingDeadLetters();

        var result = FilePipeline.Run([file], LookupTables.Empty(), AnalyticsSettings.Default, 2, plays, pool, deadLetters);

        Assert.Equal(
            [(file, 1L, new PlayEvent(1, 10, 100, Utc.Seconds("2014-10-01 08:00:00"), true), "02134"),
             (file, 4L, new PlayEvent(3, 12, 102, Utc.Seconds("2014-10-01 09:00:00"), false), "")],
            plays.Plays.OrderBy(p => p.Position));
        Assert.Equal(
            [(DeadLetterReason.BadTrackId, 3L, "2,11,x,\"2014-10-01 08:00:00\",0,\"1\""), (DeadLetterReason.FieldCount, 5L, "4,13")],
            deadLetters.Letters.Select(l => (l.Reason, l.Position.Line, l.RawText)).OrderBy(l => l.Line));
        Assert.All(deadLetters.Letters, l => Assert.Equal(file, l.Position.Source));
        Assert.Equal(2, result.Analytics.Events);
        Assert.Equal(1, result.BlankLines);
        Assert.Equal(5, result.Lines);
        var summary = result.Analytics.ComputeResults().Summary;
        Assert.Equal(2, summary.DeadLetters);
        Assert.Equal([("bad_track_id", 1L), ("field_count", 1L)],
            summary.DeadLettersByReason.Where(kv => kv.Value > 0).Select(kv => (kv.Key, kv.Value)).Order());
    }

    [Fact]
    public void Progress_ends_at_the_bytes_of_every_file()
    {
        var file = _folder.Write("p.csv", string.Concat(Enumerable.Range(0, 500).Select(i => $"{i},1,2,\"2014-10-01 08:00:00\",0,\"1\"\n")));
        var reports = new List<long>();
        var progress = new SynchronousProgress(reports);

        FilePipeline.Run([file], LookupTables.Empty(), AnalyticsSettings.Default, 3, null, new PlayBatchPool(), new CollectingDeadLetters(), progress);

        // Readers report running totals as they go; the last report, after every reader finished, is the whole.
        Assert.Equal(new FileInfo(file).Length, reports[^1]);
        Assert.All(reports, r => Assert.InRange(r, 0, new FileInfo(file).Length));
    }

    [Fact]
    public void A_missing_file_or_a_directory_stops_the_run_naming_it()
    {
        var missing = _folder.File("none.csv");
        var e = Assert.Throws<FileNotFoundException>(() =>
            FilePipeline.Run([missing], LookupTables.Empty(), AnalyticsSettings.Default, 1, null, new PlayBatchPool(), new CollectingDeadLetters()));
        Assert.Equal($"events file '{missing}' does not exist", e.Message);

        var folder = Directory.CreateDirectory(_folder.File("dir")).FullName;
        e = Assert.Throws<FileNotFoundException>(() =>
            FilePipeline.Run([folder], LookupTables.Empty(), AnalyticsSettings.Default, 1, null, new PlayBatchPool(), new CollectingDeadLetters()));
        Assert.Equal($"events file '{folder}' is a directory, not a file", e.Message);
    }

    [Fact]
    public void A_failing_dead_letter_sink_fails_the_run_with_its_reason()
    {
        var file = _folder.Write("bad.csv", "not a play\n");
        var e = Assert.Throws<InvalidOperationException>(() =>
            FilePipeline.Run([file], LookupTables.Empty(), AnalyticsSettings.Default, 1, null, new PlayBatchPool(), new RefusingSink()));
        Assert.Equal("reading events failed: disk full", e.Message);
    }

    [Fact]
    public void A_cancelled_run_throws_instead_of_returning_part_of_the_results()
    {
        var file = _folder.Write("c.csv", "1,1,2,\"2014-10-01 08:00:00\",0,\"1\"\n");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            FilePipeline.Run([file], LookupTables.Empty(), AnalyticsSettings.Default, 1, null, new PlayBatchPool(), new CollectingDeadLetters(),
                cancellationToken: cancel.Token));
    }

    private sealed class RefusingSink : IDeadLetterSink
    {
        public void Write(DeadLetter letter) => throw new IOException("disk full");
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late for an assertion).</summary>
    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
