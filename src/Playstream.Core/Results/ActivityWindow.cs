namespace Playstream.Core.Results;

/// <summary>One sliding window of the activity analytic. Times are Unix seconds, UTC.</summary>
public sealed record ActivityWindow(long WindowStart, long WindowEnd, long Plays, long Listeners, long MobilePlays);
