namespace Playstream.TestSupport;

/// <summary>A play as the reference parses it: no shared parsing code with the product.</summary>
public sealed record ReferencePlay(long EventId, int CustomerId, int TrackId, long Time, bool IsMobile);
