using Playstream.Core.Engine;

namespace Playstream.Core.Streaming;

/// <summary>What every task of one streaming job agrees on.</summary>
public sealed record TopologySettings
{
    /// <summary>The input topic's name: positions of plays and dead letters read <c>TOPIC/PARTITION</c>.</summary>
    public required string Topic { get; init; }

    /// <summary>The input topic's partitions; the repartition topic and the window owners have as many.</summary>
    public required int Partitions { get; init; }

    public AnalyticsSettings Analytics { get; init; } = AnalyticsSettings.Default;

    /// <summary>For endless streams: a play this many seconds behind its input partition's latest is a dead letter <c>late</c>; null accepts any.</summary>
    public long? AllowedLatenessSeconds { get; init; }

    /// <summary>An input partition with no new play for this long no longer holds the final horizon back.</summary>
    public TimeSpan PartitionIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Most shipper sources each partition remembers (see <see cref="Marks.ShipperMarks"/>).</summary>
    public int ShipperSourcesPerPartition { get; init; } = Marks.ShipperMarks.DefaultCapacity;

    /// <summary>
    /// A task writes a new snapshot (and drops its log) once the log since the last one is as large
    /// as it, and at least this large: restoring then reads at most twice the state, and snapshots
    /// cost, spread over the flushes, no more than the log does.
    /// </summary>
    public long CompactionMinimumBytes { get; init; } = 1 << 20;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Topic);
        if (Partitions < 1)
            throw new SettingsException($"a topology needs at least one partition, not {Partitions}");
        if (AllowedLatenessSeconds is < 0)
            throw new SettingsException("the allowed lateness cannot be negative");
        Analytics.Validate();
    }

    /// <summary>The <c>topic/partition</c> text of an input partition.</summary>
    public string SourceOf(int partition) => $"{Topic}/{partition}";
}
