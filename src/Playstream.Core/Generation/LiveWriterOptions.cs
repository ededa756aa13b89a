namespace Playstream.Core.Generation;

/// <summary>
/// What <see cref="LiveWriter"/> appends to <see cref="LiveFile"/>: either new plays from the same
/// customer and track model as <see cref="DataGenerator"/> (give the counts and seed the files
/// were generated with), or, with <see cref="ReplaySource"/>, the lines of an existing log.
/// </summary>
public sealed record LiveWriterOptions
{
    public required string LiveFile { get; init; }

    /// <summary>Lines per second; may be below 1 (0.5 is one line every two seconds).</summary>
    public double Rate { get; init; } = 10;

    public int Customers { get; init; } = 5000;
    public int Tracks { get; init; } = 1750;
    public long Seed { get; init; } = 42;

    /// <summary>A log whose lines are replayed instead of generating plays; blank lines are skipped.</summary>
    public string? ReplaySource { get; init; }

    /// <summary>For a replay: copy lines as written (default) or stamp them with the current time.</summary>
    public ReplayTime ReplayTime { get; init; } = ReplayTime.AsWritten;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that makes no sense.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(LiveFile))
            throw new ArgumentException("a live file is needed", nameof(LiveFile));
        if (!(Rate > 0) || double.IsInfinity(Rate))
            throw new ArgumentException("rate must be a positive number of lines per second", nameof(Rate));
        if (Customers < 1)
            throw new ArgumentException("customers must be >= 1", nameof(Customers));
        if (Tracks < 1)
            throw new ArgumentException("tracks must be >= 1", nameof(Tracks));
        if (ReplaySource is not null && !File.Exists(ReplaySource))
            throw new ArgumentException($"replay source not found: {ReplaySource}", nameof(ReplaySource));
    }
}
