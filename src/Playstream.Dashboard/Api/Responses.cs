namespace Playstream.Dashboard.Api;

// What the JSON API answers, one record per endpoint (serialized camelCase). Times are Unix seconds, UTC.

public sealed record OverviewResponse(
    string Version, string Mode, string Source, string State, string? Hint,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? ResultsAt, double? ElapsedSeconds,
    long Events, long DeadLetters, IReadOnlyDictionary<string, long> DeadLettersByReason,
    long UnknownCustomers, long UnknownTracks, int UniqueTracks, int UniqueMobileTracks,
    long Listeners, long Interests, double? PlaysPerSecond, long? FirstPlay, long? LatestPlay);

/// <summary>The activity windows as columns, ready for a time-series chart.</summary>
public sealed record ActivityResponse(
    int WindowSeconds, int SlideSeconds, long[] Start, long[] Plays, long[] MobilePlays, long[] DesktopPlays, long[] Listeners);

public sealed record RankedTrack(int Rank, int TrackId, string Title, string Artist, long Plays);

public sealed record GenderTopTracks(string Gender, IReadOnlyList<RankedTrack> Tracks);

/// <summary>The top tracks of one window; <see cref="WindowStarts"/> lists every window there is, to pick from.</summary>
public sealed record TopTracksResponse(
    long? Start, long? End, long? DefaultStart, long[] WindowStarts, long WindowPlays, IReadOnlyList<GenderTopTracks> Genders);

/// <summary>Plays over time per value of one dimension, zero-filled, in buckets of <see cref="BucketSeconds"/>.</summary>
public sealed record BreakdownResponse(string Dimension, int BucketSeconds, long[] Start, IReadOnlyList<BreakdownSeries> Series);

public sealed record BreakdownSeries(string Key, long[] Plays, long Total);

public sealed record ZipRow(string Zip, long Plays);

public sealed record ListenerRow(int CustomerId, string Name, long Plays, long MobilePlays, long UniqueTracks);

public sealed record InterestRow(int CustomerId, string Name, int TrackId, string Title, string Artist, long DetectedAt);

public sealed record CustomerResponse(
    int CustomerId, bool Known, string Name, string Gender, string Level, string Age, string Zip,
    long Plays, double Morning, double Afternoon, double Evening, double Night, double Mobile,
    long MobilePlays, long UniqueTracks, IReadOnlyList<InterestRow> Interests);
