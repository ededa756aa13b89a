namespace Playstream.Core.Events;

/// <summary>
/// One play, as parsed from a log line. A value type with no references so that the hot
/// path (parse, enrich, operators) moves plays around without touching the heap.
/// </summary>
/// <param name="EventId">The log's event id; not unique (a replayed log repeats ids).</param>
/// <param name="CustomerId">Who played.</param>
/// <param name="TrackId">What was played.</param>
/// <param name="Time">Event time, whole seconds since the Unix epoch, UTC.</param>
/// <param name="IsMobile">Whether the play came from a mobile device.</param>
public readonly record struct PlayEvent(long EventId, int CustomerId, int TrackId, long Time, bool IsMobile);
