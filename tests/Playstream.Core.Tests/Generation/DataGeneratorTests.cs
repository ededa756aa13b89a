using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class DataGeneratorTests
{
    private static readonly GeneratorOptions Small = new() { Customers = 300, Tracks = 120, Events = 20_000, Days = 7, Seed = 7 };

    [Fact]
    public void Same_options_give_byte_identical_files()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        new DataGenerator(Small).Generate(a.Path);
        new DataGenerator(Small).Generate(b.Path);
        foreach (var name in new[] { DataGenerator.CustomerFileName, DataGenerator.TrackFileName, DataGenerator.EventFileName })
            Assert.Equal(File.ReadAllBytes(a.File(name)), File.ReadAllBytes(b.File(name)));
    }

    [Fact]
    public void A_different_seed_gives_different_files()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        new DataGenerator(Small).Generate(a.Path);
        new DataGenerator(Small with { Seed = 8 }).Generate(b.Path);
        foreach (var name in new[] { DataGenerator.CustomerFileName, DataGenerator.TrackFileName, DataGenerator.EventFileName })
            Assert.NotEqual(File.ReadAllBytes(a.File(name)), File.ReadAllBytes(b.File(name)));
    }

    [Fact]
    public void More_events_leave_customers_and_tracks_unchanged()
    {
        var fewer = new DataGenerator(Small);
        var more = new DataGenerator(Small with { Events = 50_000 });
        Assert.Equal(Bytes(fewer.WriteCustomers), Bytes(more.WriteCustomers));
        Assert.Equal(Bytes(fewer.WriteTracks), Bytes(more.WriteTracks));
    }

    [Fact]
    public void Generate_writes_three_files_with_the_requested_row_counts()
    {
        using var dir = new TempDirectory();
        var result = new DataGenerator(Small).Generate(Path.Combine(dir.Path, "nested"));

        Assert.Equal(Small.Events, result.Events);
        Assert.Equal(Small.Customers + 1, TestCsv.Lines(result.CustomerFile).Length);
        Assert.Equal(Small.Tracks + 1, TestCsv.Lines(result.TrackFile).Length);
        Assert.Equal((int)Small.Events, TestCsv.Lines(result.EventFile).Length);
        Assert.Equal("tracks.csv", Path.GetFileName(result.EventFile));
    }

    [Fact]
    public void Every_event_line_is_well_formed_and_in_range()
    {
        var lines = TestCsv.Lines(Bytes(s => new DataGenerator(Small).WriteEvents(s)));
        Assert.Equal((int)Small.Events, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var e = TestEvent.Parse(lines[i]);
            Assert.Equal(i, e.Id);
            Assert.InRange(e.Customer, 0, Small.Customers - 1);
            Assert.InRange(e.Track, 0, Small.Tracks - 1);
            Assert.True(e.Time >= Small.Start && e.Time < Small.End, $"time out of the period: {lines[i]}");
            Assert.Equal(5, e.Zip.Length);
            Assert.True(e.Zip.All(char.IsAsciiDigit), lines[i]);
        }
    }

    [Fact]
    public void Events_are_mostly_in_time_order_with_a_few_slightly_early()
    {
        var events = TestCsv.Lines(Bytes(s => new DataGenerator(Small).WriteEvents(s))).Select(TestEvent.Parse).ToList();
        var latest = DateTime.MinValue;
        var early = 0;
        foreach (var e in events)
        {
            if (e.Time < latest)
            {
                early++;
                Assert.True(latest - e.Time <= TimeSpan.FromMinutes(5), $"event {e.Id} is {latest - e.Time} early");
            }
            else
            {
                latest = e.Time;
            }
        }
        Assert.InRange(early, 1, events.Count / 100);
    }

    [Fact]
    public void Progress_reports_the_final_count()
    {
        var reports = new List<long>();
        var generator = new DataGenerator(Small with { Events = 600_000 });
        generator.WriteEvents(Stream.Null, new SyncProgress(reports.Add));
        Assert.Equal(600_000, reports[^1]);
        Assert.True(reports.Count >= 2, "expected at least one report before the end");
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void Cancellation_stops_a_long_run()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var generator = new DataGenerator(Small with { Events = 5_000_000 });
        Assert.ThrowsAny<OperationCanceledException>(() => generator.WriteEvents(Stream.Null, cancellationToken: cts.Token));
    }

    [Fact]
    public void Zero_events_give_an_empty_log()
    {
        Assert.Empty(Bytes(s => new DataGenerator(Small with { Events = 0 }).WriteEvents(s)));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new DataGenerator(Small with { Customers = 0 }));
        Assert.Throws<ArgumentException>(() => new DataGenerator(Small with { Days = 0 }));
        Assert.Throws<ArgumentException>(() => new DataGenerator(Small with { Events = -1 }));
        Assert.Throws<ArgumentException>(() => new DataGenerator(Small with { Start = new DateTime(2014, 10, 1, 0, 0, 0, DateTimeKind.Local) }));
    }

    internal static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    internal static byte[] Bytes(Func<Stream, long> write) => Bytes(s => { write(s); });

    /// <summary>Calls back on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
