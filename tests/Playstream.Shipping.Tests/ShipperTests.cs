using System.Text;
using Playstream.Core.Files;
using Playstream.Shipping.Files;
using Playstream.Shipping.Positions;
using Playstream.TestSupport;

namespace Playstream.Shipping.Tests;

public class ShipperTests
{
    /// <summary>One shipper run that reads what is there and stops, with positions kept in the folder.</summary>
    private static CollectingSink Run(TempFolder folder, string pattern, StartPosition from = StartPosition.Beginning, CollectingSink? sink = null)
    {
        sink ??= new CollectingSink();
        using var store = new PositionStore(folder.File("positions"), "plays");
        var options = new ShipperOptions { Patterns = [folder.File(pattern)], ExitAtEof = true, From = from };
        using var shipper = new Shipper(options, sink, store);
        shipper.Run(CancellationToken.None);
        return sink;
    }

    [Fact]
    public void Ships_complete_non_blank_lines_in_order_and_a_restart_sends_none_twice()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "1,10,5\n\n  \n2,11,6\r\nbroken\n3,10");

        var first = Run(folder, "a.log");
        Assert.Equal(["1,10,5", "2,11,6\r", "broken"], first.Lines);
        Assert.Equal([0L, 11L, 19L], first.Sent.Select(s => s.Offset));

        Assert.Empty(Run(folder, "a.log").Lines);

        folder.Append("a.log", ",7\n4,12,8\n");
        Assert.Equal(["3,10,7", "4,12,8"], Run(folder, "a.log").Lines);
    }

    [Fact]
    public void A_rotated_file_matched_by_the_pattern_is_finished_but_never_shipped_again()
    {
        using var folder = new TempFolder();
        folder.Write("app.log", "1\n2\n");
        Assert.Equal(["1", "2"], Run(folder, "app.log*").Lines);

        File.Move(folder.File("app.log"), folder.File("app.log.1"));
        folder.Append("app.log.1", "3\n"); // written by the application before it reopened
        folder.Write("app.log", "4\n");

        Assert.Equal(["3", "4"], Run(folder, "app.log*").Lines);
        Assert.Empty(Run(folder, "app.log*").Lines);
    }

    [Fact]
    public void A_truncated_file_is_shipped_again_from_its_start()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "first line\nsecond line\n");
        Run(folder, "a.log");
        using (var stream = new FileStream(folder.File("a.log"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            stream.SetLength(0);
        folder.Append("a.log", "after\n");

        Assert.Equal(["after"], Run(folder, "a.log").Lines);
    }

    [Fact]
    public void Lines_not_acknowledged_before_the_stop_are_sent_again_from_the_first_gap()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "L1\nL2\nL3\nL4\n");
        var held = new CollectingSink { HoldAcks = true };
        held.OnFlush = () => held.Release(0, 2); // Kafka confirmed L1 and L3 only

        Run(folder, "a.log", sink: held);

        Assert.Equal(["L2", "L3", "L4"], Run(folder, "a.log").Lines);
    }

    [Fact]
    public void From_end_skips_what_a_new_file_holds_but_keeps_an_unfinished_line()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "old1\nold2\nunfini");
        Assert.Empty(Run(folder, "a.log", StartPosition.End).Lines);
        folder.Append("a.log", "shed\nnew\n");
        Assert.Equal(["unfinished", "new"], Run(folder, "a.log", StartPosition.End).Lines);
    }

    [Fact]
    public void A_saved_position_whose_fingerprint_differs_belongs_to_another_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "one\ntwo\n");
        var identity = FileStatus.Of(path)!.Value.Identity;
        using (var store = new PositionStore(folder.File("positions"), "plays"))
        {
            // Same device and inode (as after inode reuse), other first bytes.
            store.Save([new FilePosition(path, identity, Fingerprint.Of("zzz\n"u8), 4, 0, 0, DateTimeOffset.UtcNow)], clean: true);
        }
        Assert.Equal(["one", "two"], Run(folder, "a.log").Lines);
    }

    [Fact]
    public void Every_line_of_a_file_carries_one_source_id_which_a_restart_computes_again()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "1,10,5\n2,11,6\n");
        var identity = FileStatus.Of(path)!.Value.Identity;
        var expected = SourceId.Of(identity, 0, "1,10,5\n"u8);

        // Without positions (as after a crash before the first save) and with them: the same id.
        var unsaved = new CollectingSink();
        using (var shipper = new Shipper(new ShipperOptions { Patterns = [path], ExitAtEof = true }, unsaved, store: null))
            shipper.Run(CancellationToken.None);
        var first = Run(folder, "a.log");
        folder.Append("a.log", "3,12,7\n");
        var second = Run(folder, "a.log");

        Assert.Equal([expected, expected], unsaved.Sources);
        Assert.Equal([expected, expected], first.Sources);
        Assert.Equal([expected], second.Sources);
        Assert.Equal([14L], second.Sent.Select(s => s.Offset));
    }

    [Fact]
    public async Task A_file_truncated_while_followed_gets_a_new_source_id_saved_at_once()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "1,10,5\n2,11,6\n");
        var identity = FileStatus.Of(path)!.Value.Identity;
        var sink = new CollectingSink();
        var options = new ShipperOptions { Patterns = [path], PollInterval = TimeSpan.FromMilliseconds(20), SaveInterval = TimeSpan.FromHours(1) };
        using var store = new PositionStore(folder.File("positions"), "plays");
        using var stop = new CancellationTokenSource();
        using var shipper = new Shipper(options, sink, store);
        var running = Task.Run(() => shipper.Run(stop.Token));
        WaitFor(sink, 2);

        using (var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
            stream.Write("1,10,5\n"u8); // copytruncate; the application writes the same first line again
        WaitFor(sink, 3);
        // Saved before any line of the new generation went out, though the save interval is an hour.
        Assert.Equal(1, store.Load()[identity].Generation);
        await stop.CancelAsync();
        await running;

        var old = SourceId.Of(identity, 0, "1,10,5\n"u8);
        var renewed = SourceId.Of(identity, 1, "1,10,5\n"u8);
        Assert.Equal([old, old, renewed], sink.Sources);
        Assert.Equal([0L, 7L, 0L], sink.Sent.Select(s => s.Offset));
    }

    [Theory]
    [InlineData("1,10,5\n")]            // shorter than the saved position
    [InlineData("9,19,9\n8,18,8\n7,17,7\n")] // other first bytes, longer than the saved position
    public void A_file_truncated_while_the_shipper_was_away_is_the_next_generation(string rewritten)
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "1,10,5\n2,11,6\n");
        var identity = FileStatus.Of(path)!.Value.Identity;
        Run(folder, "a.log");
        using (var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
            stream.Write(Encoding.ASCII.GetBytes(rewritten));

        var again = Run(folder, "a.log");

        var firstLine = Encoding.ASCII.GetBytes(rewritten[..(rewritten.IndexOf('\n') + 1)]);
        Assert.All(again.Sources, s => Assert.Equal(SourceId.Of(identity, 1, firstLine), s));
        Assert.Equal(rewritten.Split('\n', StringSplitOptions.RemoveEmptyEntries), again.Lines);
        using var store = new PositionStore(folder.File("positions"), "plays");
        Assert.Equal(1, store.Load()[identity].Generation);
    }

    [Fact]
    public async Task Follows_a_growing_file_through_a_rotation_in_one_run()
    {
        using var folder = new TempFolder();
        folder.Write("app.log", "1\n");
        var sink = new CollectingSink();
        var options = new ShipperOptions { Patterns = [folder.File("app.log*")], PollInterval = TimeSpan.FromMilliseconds(20) };
        using var stop = new CancellationTokenSource();
        using var shipper = new Shipper(options, sink, store: null);
        var running = Task.Run(() => shipper.Run(stop.Token));

        WaitFor(sink, 1);
        folder.Append("app.log", "2\n");
        WaitFor(sink, 2);
        File.Move(folder.File("app.log"), folder.File("app.log.1"));
        folder.Append("app.log.1", "3\n");
        folder.Write("app.log", "4\n");
        WaitFor(sink, 4);
        folder.Append("app.log.1", "5"); // an unfinished line is not sent
        stop.Cancel();
        var result = await running;

        Assert.Equal(["1", "2", "3", "4"], sink.Lines);
        Assert.True(result.AllAcknowledged);
        Assert.Equal(2, result.Files);
    }

    private static void WaitFor(CollectingSink sink, int lines)
    {
        // A bound so a broken shipper fails the test instead of hanging it; not a timing assertion.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            lock (sink.Sent)
            {
                if (sink.Sent.Count >= lines)
                    return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the shipper sent {sink.Sent.Count} of {lines} lines");
            Thread.Sleep(10);
        }
    }
}
