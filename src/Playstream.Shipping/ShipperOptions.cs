using Playstream.Shipping.Delivery;

namespace Playstream.Shipping;

/// <summary>What to ship and how to follow it.</summary>
public sealed record ShipperOptions
{
    /// <summary>Paths and wildcard patterns (see <see cref="Files.PathPattern"/>).</summary>
    public required IReadOnlyList<string> Patterns { get; init; }

    public StartPosition From { get; init; } = StartPosition.Beginning;

    /// <summary>Ship what the files hold now, then stop (an unfinished last line is left for a later run).</summary>
    public bool ExitAtEof { get; init; }

    /// <summary>How often files are looked at when no change notification arrives.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often acknowledged positions are saved while running (and so how much a crash may send again).</summary>
    public TimeSpan SaveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A file that no longer matches (renamed away, deleted) is closed once read to its end and idle this long.</summary>
    public TimeSpan CloseInactive { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Positions of files not seen for this long are dropped.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long a stop waits for Kafka to acknowledge what was sent.</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most lines of one file in flight at once.</summary>
    public int WindowCapacity { get; init; } = AckWindow.DefaultCapacity;
}
