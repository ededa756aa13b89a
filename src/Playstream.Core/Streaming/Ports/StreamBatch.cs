namespace Playstream.Core.Streaming.Ports;

/// <summary>Records of one partition of one topic, in offset order.</summary>
public sealed record StreamBatch(int Partition, RecordTopic Topic, IReadOnlyList<StreamRecord> Records);
