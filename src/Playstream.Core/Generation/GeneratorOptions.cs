namespace Playstream.Core.Generation;

/// <summary>
/// What <see cref="DataGenerator"/> makes. The defaults match the size and period of the
/// original demo: 5,000 customers, 1,750 tracks, a million plays over 90 days from 2014-10-01.
/// </summary>
public sealed record GeneratorOptions
{
    public static readonly DateTime DefaultStart = new(2014, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    public int Customers { get; init; } = 5000;
    public int Tracks { get; init; } = 1750;
    public long Events { get; init; } = 1_000_000;
    public int Days { get; init; } = 90;
    public long Seed { get; init; } = 42;

    /// <summary>The first instant plays may have, UTC; plays fall in [Start, Start + Days).</summary>
    public DateTime Start { get; init; } = DefaultStart;

    /// <summary>
    /// Lines in random order instead of time order, as a log merged from many sources or the
    /// original demo's live log is. The same seed gives the same order.
    /// </summary>
    public bool Shuffle { get; init; }

    /// <summary>Share of lines (0 to 0.5) that are broken in one of the ways logs break, in place of a play.</summary>
    public double BadLines { get; init; }

    /// <summary>Share of plays (0 to 0.5) whose customer or track is not in the lookup files.</summary>
    public double UnknownIds { get; init; }

    /// <summary>
    /// The shape of a real held-out log: unordered, 0.4 % broken lines and 2 % plays of unknown
    /// customers or tracks (what <c>bench --shuffle</c> and <c>generate --held-out</c> make).
    /// </summary>
    public GeneratorOptions AsHeldOut() => this with { Shuffle = true, BadLines = 0.004, UnknownIds = 0.02 };

    /// <summary>The end of the period, exclusive.</summary>
    public DateTime End => Start.AddDays(Days);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that makes no sense.</summary>
    public void Validate()
    {
        if (Customers < 1)
            throw new ArgumentException("customers must be >= 1", nameof(Customers));
        if (Tracks < 1)
            throw new ArgumentException("tracks must be >= 1", nameof(Tracks));
        if (Events < 0)
            throw new ArgumentException("events must be >= 0", nameof(Events));
        if (Days < 1)
            throw new ArgumentException("days must be >= 1", nameof(Days));
        if (!(BadLines >= 0 && BadLines <= 0.5))
            throw new ArgumentException("bad lines must be a share between 0 and 0.5", nameof(BadLines));
        if (!(UnknownIds >= 0 && UnknownIds <= 0.5))
            throw new ArgumentException("unknown ids must be a share between 0 and 0.5", nameof(UnknownIds));
        if (Start.Kind != DateTimeKind.Utc)
            throw new ArgumentException("start must be a UTC time", nameof(Start));
        if (Start.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException("start must be a whole second", nameof(Start));
        if (Start.Year < 1000 || End.Year > 9999)
            throw new ArgumentException("the period must lie within the years 1000-9999", nameof(Start));
    }
}
