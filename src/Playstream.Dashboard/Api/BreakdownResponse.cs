namespace Playstream.Dashboard.Api;

/// <summary>Plays over time per value of one dimension, zero-filled, in buckets of <see cref="BucketSeconds"/>.</summary>
public sealed record BreakdownResponse(string Dimension, int BucketSeconds, long[] Start, IReadOnlyList<BreakdownSeries> Series);
