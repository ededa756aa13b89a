namespace Playstream.Dashboard.Api;

/// <summary>One value of a breakdown's dimension: its plays per bucket and in all.</summary>
public sealed record BreakdownSeries(string Key, long[] Plays, long Total);
