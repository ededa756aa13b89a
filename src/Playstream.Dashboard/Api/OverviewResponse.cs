namespace Playstream.Dashboard.Api;

/// <summary>What <c>/api/overview</c> answers: the run's state and counters. Serialized camelCase; times in Unix seconds, UTC.</summary>
public sealed record OverviewResponse(
    string Version, string Mode, string Source, string State, string? Hint,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? ResultsAt, double? ElapsedSeconds,
    long Events, long DeadLetters, IReadOnlyDictionary<string, long> DeadLettersByReason,
    long UnknownCustomers, long UnknownTracks, int UniqueTracks, int UniqueMobileTracks,
    long Listeners, long Interests, double? PlaysPerSecond, long? FirstPlay, long? LatestPlay);
