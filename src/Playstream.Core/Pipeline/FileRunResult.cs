using Playstream.Core.Engine;

namespace Playstream.Core.Pipeline;

/// <summary>What a bounded run over files read.</summary>
public sealed record FileRunResult(PartitionAnalytics Analytics, long Bytes, long Lines, long BlankLines);
