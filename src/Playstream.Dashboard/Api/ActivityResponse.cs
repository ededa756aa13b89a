namespace Playstream.Dashboard.Api;

/// <summary>The activity windows as columns, ready for a time-series chart.</summary>
public sealed record ActivityResponse(
    int WindowSeconds, int SlideSeconds, long[] Start, long[] Plays, long[] MobilePlays, long[] DesktopPlays, long[] Listeners);
