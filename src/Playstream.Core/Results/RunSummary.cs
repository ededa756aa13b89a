namespace Playstream.Core.Results;

/// <summary>Counts of events over the whole run.</summary>
public sealed record RunSummary(
    long Events, long DeadLetters, long UnknownCustomers, long UnknownTracks, IReadOnlyDictionary<string, long> DeadLettersByReason);
