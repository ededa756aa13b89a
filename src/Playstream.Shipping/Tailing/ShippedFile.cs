using Playstream.Core.Files;
using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Tailing;

/// <summary>
/// One file the shipper follows: the <see cref="FollowedFile"/> that reads it, the window of its
/// lines sent but not yet acknowledged, and the source id its keys carry. Used by the reading thread.
/// </summary>
public sealed class ShippedFile : IDisposable
{
    private ulong? _sourceId;

    private ShippedFile(FollowedFile file, int windowCapacity)
    {
        File = file;
        WindowCapacity = windowCapacity;
        Window = new AckWindow(0, windowCapacity);
    }

    public FollowedFile File { get; }

    /// <summary>Lines in flight; replaced when the file starts over, so late acknowledgements of the old content move nothing.</summary>
    public AckWindow Window { get; private set; }

    public int WindowCapacity { get; }

    /// <summary>
    /// The id of this incarnation of the file (see <see cref="Files.SourceId"/>), carried in the key
    /// of every line. Read from the file's first line when first asked, which is after a complete
    /// line was read, so the first line is whole by then.
    /// </summary>
    public ulong SourceId => _sourceId ??= Files.SourceId.Of(File.Handle, File.Identity, File.Generation);

    /// <summary>Whether the last scan found the file under a path that matches the patterns.</summary>
    public bool Matched { get; set; } = true;

    /// <summary>When reading last found something new, or the file was last matched; idle files that no longer match are closed.</summary>
    public DateTimeOffset LastActive { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Opens a file for shipping; null when it vanished first.</summary>
    public static ShippedFile? Open(string path, int windowCapacity = AckWindow.DefaultCapacity) =>
        FollowedFile.Open(path) is { } file ? new ShippedFile(file, windowCapacity) : null;

    /// <summary>Sets where shipping starts (a line boundary), what counts as acknowledged, and the truncation generation.</summary>
    public void StartAt(long offset, int generation = 0)
    {
        File.StartAt(offset, generation: generation);
        Restart();
    }

    /// <summary>Ships the file again from its first byte (after a truncation), as its next generation.</summary>
    public void StartOver()
    {
        File.StartOver();
        Restart();
    }

    /// <summary>The position Kafka has acknowledged, to save.</summary>
    public FilePosition Position(DateTimeOffset seen) => File.Position(seen) with { Offset = Window.AcknowledgedOffset, Line = 0 };

    public void Dispose() => File.Dispose();

    private void Restart()
    {
        _sourceId = null;
        Window = new AckWindow(File.Offset, WindowCapacity);
    }
}
