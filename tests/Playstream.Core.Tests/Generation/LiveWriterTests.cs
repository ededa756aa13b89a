using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class LiveWriterTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    /// <summary>A clock that only moves when the writer "waits"; cancels after a number of waits.</summary>
    private sealed class FakeClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static async Task<long> Run(LiveWriterOptions options, FakeClock clock, int waits, Func<TimeSpan, TimeSpan>? step = null)
    {
        using var cts = new CancellationTokenSource();
        var count = 0;
        var writer = new LiveWriter(options, clock, (wait, token) =>
        {
            Assert.True(wait > TimeSpan.Zero);
            clock.Now += step?.Invoke(wait) ?? wait;
            if (++count == waits)
                cts.Cancel();
            token.ThrowIfCancellationRequested();
            return Task.CompletedTask;
        });
        return await writer.RunAsync(cts.Token);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss");

    [Fact]
    public async Task Appends_whole_lines_each_second_with_ids_after_the_existing_lines()
    {
        using var dir = new TempDirectory();
        var path = dir.File("live.csv");
        string[] existing = ["0,1,2,\"2014-10-01 00:00:00\",0,\"12345\"", "1,1,2,\"2014-10-01 00:00:01\",0,\"12345\"", "5,1,2,\"2014-10-01 00:00:02\",1,\"12345\""];
        File.WriteAllText(path, string.Join("\n", existing) + "\n");
        var clock = new FakeClock(T0);

        var written = await Run(new LiveWriterOptions { LiveFile = path, Rate = 5, Customers = 50, Tracks = 30 }, clock, waits: 4);

        // Seconds 0-3 each wrote 5 lines before the fourth wait was cancelled.
        Assert.Equal(20, written);
        var lines = TestCsv.Lines(path);
        Assert.Equal(23, lines.Length);
        Assert.Equal(existing, lines[..3]);
        for (var i = 3; i < lines.Length; i++)
        {
            var e = TestEvent.Parse(lines[i]);
            Assert.Equal(i, e.Id);
            Assert.Equal(Stamp(T0.AddSeconds((i - 3) / 5)), Stamp(e.Time));
            Assert.InRange(e.Customer, 0, 49);
            Assert.InRange(e.Track, 0, 29);
        }
    }

    [Fact]
    public async Task A_rate_below_one_writes_a_line_every_few_seconds()
    {
        using var dir = new TempDirectory();
        var path = dir.File("slow.csv");
        var clock = new FakeClock(T0);

        var written = await Run(new LiveWriterOptions { LiveFile = path, Rate = 0.5 }, clock, waits: 6);

        // 0.5 lines/s: one line is due by the end of seconds 1, 3 and 5.
        Assert.Equal(3, written);
        var times = TestCsv.Lines(path).Select(TestEvent.Parse).Select(e => Stamp(e.Time)).ToArray();
        Assert.Equal([Stamp(T0.AddSeconds(1)), Stamp(T0.AddSeconds(3)), Stamp(T0.AddSeconds(5))], times);
    }

    [Fact]
    public async Task A_half_written_last_line_is_ended_before_appending()
    {
        using var dir = new TempDirectory();
        var path = dir.File("torn.csv");
        File.WriteAllText(path, "0,1,2,\"2014-10-01 00:00:00\",0,\"12345\"\n1,1,2");

        await Run(new LiveWriterOptions { LiveFile = path, Rate = 1 }, new FakeClock(T0), waits: 1);

        var lines = TestCsv.Lines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal("1,1,2", lines[1]);
        Assert.Equal(2, TestEvent.Parse(lines[2]).Id);
    }

    [Fact]
    public async Task After_a_stall_only_a_few_seconds_are_caught_up()
    {
        using var dir = new TempDirectory();
        var path = dir.File("stall.csv");

        // Every wait overshoots to 10 s: second 0 writes 2 lines; at second 10, 22 are due but only 3 s (6 lines) are caught up.
        var written = await Run(new LiveWriterOptions { LiveFile = path, Rate = 2 }, new FakeClock(T0), waits: 2, step: _ => TimeSpan.FromSeconds(10));

        Assert.Equal(8, written);
        Assert.Equal(8, TestCsv.Lines(path).Length);
    }

    [Fact]
    public async Task Replay_copies_lines_as_written_and_stops_at_the_end_of_the_source()
    {
        using var dir = new TempDirectory();
        var source = dir.File("source.csv");
        var live = dir.File("live.csv");
        File.WriteAllText(source, "7,1,2,\"2014-10-01 00:00:00\",0,\"12345\"\r\n\n8,3,4,2014-10-02 01:02:03,1,\"\"\nnot an event\n9,5,6,\"2014-10-03 00:00:00\",1,\"99999\"");

        var written = await Run(new LiveWriterOptions { LiveFile = live, Rate = 2, ReplaySource = source }, new FakeClock(T0), waits: 100);

        Assert.Equal(4, written);
        Assert.Equal(
            ["7,1,2,\"2014-10-01 00:00:00\",0,\"12345\"", "8,3,4,2014-10-02 01:02:03,1,\"\"", "not an event", "9,5,6,\"2014-10-03 00:00:00\",1,\"99999\""],
            TestCsv.Lines(live));
    }

    [Fact]
    public async Task Replay_can_stamp_lines_with_the_current_time()
    {
        using var dir = new TempDirectory();
        var source = dir.File("source.csv");
        var live = dir.File("live.csv");
        File.WriteAllText(source, "7,1,2,\"2014-10-01 00:00:00\",0,\"12345\"\n8,3,4,2014-10-02 01:02:03,1,\"\"\nnot an event\n");

        var written = await Run(new LiveWriterOptions { LiveFile = live, Rate = 1, ReplaySource = source, ReplayTime = ReplayTime.Now }, new FakeClock(T0), waits: 100);

        Assert.Equal(3, written);
        Assert.Equal(
            [$"7,1,2,\"{Stamp(T0)}\",0,\"12345\"", $"8,3,4,\"{Stamp(T0.AddSeconds(1))}\",1,\"\"", "not an event"],
            TestCsv.Lines(live));
    }

    [Fact]
    public void Nonsense_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new LiveWriter(new LiveWriterOptions { LiveFile = "x.csv", Rate = 0 }));
        Assert.Throws<ArgumentException>(() => new LiveWriter(new LiveWriterOptions { LiveFile = "x.csv", ReplaySource = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")) }));
    }
}
