namespace Playstream.Core.Streaming.Ports;

/// <summary>Where a partition pair's records begin and end: the earliest offset kept and the offset the next record will get.</summary>
public readonly record struct PartitionEnds(long InputLow, long InputHigh, long RepartitionLow, long RepartitionHigh);
