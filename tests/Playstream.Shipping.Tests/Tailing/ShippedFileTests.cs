using Playstream.Shipping.Tailing;
using Playstream.TestSupport;

namespace Playstream.Shipping.Tests.Tailing;

public class ShippedFileTests
{
    [Fact]
    public void Starting_over_is_the_next_generation_with_the_source_id_of_the_new_first_line()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "same first\n");
        using var file = ShippedFile.Open(folder.File("a.log"))!;
        file.StartAt(0, generation: 4);
        var before = file.SourceId;
        Assert.Equal(Playstream.Shipping.Files.SourceId.Of(file.File.Identity, 4, "same first\n"u8), before);

        using (var stream = new FileStream(folder.File("a.log"), FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
            stream.Write("same first\n"u8); // copytruncate, then the same first line again
        file.StartOver();

        Assert.Equal(5, file.File.Generation);
        Assert.Equal(Playstream.Shipping.Files.SourceId.Of(file.File.Identity, 5, "same first\n"u8), file.SourceId);
        Assert.NotEqual(before, file.SourceId);
    }

    [Fact]
    public void The_position_kept_is_what_was_acknowledged_not_what_was_read()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "one\ntwo\n");
        using var file = ShippedFile.Open(folder.File("a.log"))!;
        file.StartAt(0, generation: 2);
        var slots = new List<int>();
        file.File.ReadLines((_, _, _, end) =>
        {
            Assert.True(file.Window.TryAdd(end, out var slot));
            slots.Add(slot);
            return true;
        });
        file.Window.Acknowledge(slots[0]);

        var seen = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var position = file.Position(seen);
        Assert.Equal(8, file.File.Offset);
        Assert.Equal((4L, 0L, 2, seen), (position.Offset, position.Line, position.Generation, position.LastSeen));
        Assert.Equal(file.File.Fingerprint, position.Fingerprint);
    }

    [Fact]
    public void Starting_at_an_offset_counts_what_precedes_it_as_acknowledged()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "one\ntwo\n");
        using var file = ShippedFile.Open(folder.File("a.log"))!;
        file.StartAt(4);
        Assert.Equal(4, file.Window.AcknowledgedOffset);
        Assert.Equal(0, file.Window.InFlight);
    }
}
