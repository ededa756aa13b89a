using System.Text;
using Playstream.Core.Results;
using Playstream.Core.Streaming.State;

namespace Playstream.Core.Tests.Streaming.State;

public sealed class ActivityWindowCountsTests
{
    private const int Slide = 300, PanesPerWindow = 6;

    [Fact]
    public void A_window_sums_its_panes_and_takes_its_own_listeners()
    {
        var counts = new ActivityWindowCounts();
        counts.AddPane(10, plays: 3, mobile: 1);
        counts.AddPane(15, plays: 2, mobile: 2);
        counts.AddPane(16, plays: 100, mobile: 0); // the pane after window 10..15
        counts.AddListeners(10, 4);

        Assert.Equal(new ActivityWindow(3000, 4800, 5, 4, 3), counts.Window(10, PanesPerWindow, Slide));
        Assert.Equal(new ActivityWindow(3300, 5100, 102, 0, 2), counts.Window(11, PanesPerWindow, Slide));
        Assert.Null(counts.Window(17, PanesPerWindow, Slide)); // no play in panes 17..22
    }

    [Fact]
    public void Partitions_counts_add_up_when_merged()
    {
        var a = new ActivityWindowCounts();
        a.AddPane(1, 2, 1);
        a.AddListeners(1, 1);
        var b = new ActivityWindowCounts();
        b.AddPane(1, 3, 0);
        b.AddPane(2, 1, 1);
        b.AddListeners(1, 2);

        a.Merge(b);

        Assert.Equal([(1L, 5L, 1L), (2L, 1L, 1L)], a.PaneCounts().OrderBy(p => p.Pane));
        Assert.Equal([(1L, 3L)], a.ListenerCounts());
        Assert.Equal(1, a.Count);
    }

    [Fact]
    public void Dropping_by_a_horizon_keeps_the_windows_ending_after_it_and_the_panes_they_need()
    {
        var counts = new ActivityWindowCounts();
        for (long pane = 0; pane < 20; pane++)
        {
            counts.AddPane(pane, 1, 0);
            counts.AddListeners(pane, 1);
        }

        counts.DropEndingBy(horizon: 12 * Slide, PanesPerWindow, Slide);

        // Window w ends at (w + 6) * 300: windows 0..6 end by 3600. Pane p is in windows up to p, so panes 0..6 go too.
        Assert.Equal(Enumerable.Range(7, 13).Select(w => (long)w), counts.Windows.Order());
        Assert.Equal(Enumerable.Range(7, 13).Select(p => (long)p), counts.Panes.Order());
    }

    [Fact]
    public void A_snapshot_reads_back_the_same_counts()
    {
        var counts = new ActivityWindowCounts();
        counts.AddPane(-3, 5, 2);
        counts.AddPane(1_000_000, 7, 7);
        counts.AddListeners(-8, 9);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            counts.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);

        var back = ActivityWindowCounts.Read(reader);

        Assert.Equal(counts.PaneCounts().Order(), back.PaneCounts().Order());
        Assert.Equal(counts.ListenerCounts().Order(), back.ListenerCounts().Order());
    }
}
