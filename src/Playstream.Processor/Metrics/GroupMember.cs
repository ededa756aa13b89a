namespace Playstream.Processor.Metrics;

/// <summary>One member of a consumer group: who it is and which partitions of the topic it holds.</summary>
public sealed record GroupMember(string MemberId, string ClientId, string ClientHost, IReadOnlyList<int> Partitions);
