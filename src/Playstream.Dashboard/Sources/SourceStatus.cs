namespace Playstream.Dashboard.Sources;

/// <summary>Where the results come from and how far the run that writes them is.</summary>
/// <param name="Mode"><c>embedded</c> or <c>full</c>.</param>
/// <param name="Source">The store path, or the servers read.</param>
/// <param name="State"><c>running</c>, <c>finished</c>, <c>missing</c> (nothing written yet) or <c>unreachable</c>.</param>
/// <param name="Hint">What to do next when there is nothing (yet) to show; null otherwise.</param>
public sealed record SourceStatus(
    string Mode,
    string Source,
    string State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? ResultsAt,
    double? ElapsedSeconds,
    string? Hint);
