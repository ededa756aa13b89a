using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;

namespace Playstream.Kafka.Processing;

/// <summary>
/// What one partition's processing holds: its analytics, the offset of the next record it has not
/// yet read, and its shipper marks. They belong together: a checkpoint stores all three, and a
/// restored partition resumes reading at <see cref="NextOffset"/> with these analytics and marks.
/// </summary>
/// <param name="NextOffset">Offset of the next unread record; null before any record was read.</param>
/// <param name="ShipperMarks">Per shipper source the highest line offset taken, least recently seen
/// first (see <see cref="Processing.ShipperMarks"/>); none when null.</param>
public sealed record PartitionState(string Topic, int Partition, PartitionAnalytics Analytics, long? NextOffset, IReadOnlyList<ShipperMark>? ShipperMarks = null)
{
    /// <summary>A copy of the marks when the state was taken, least recently seen source first.</summary>
    public IReadOnlyList<ShipperMark> ShipperMarks { get; init; } = ShipperMarks ?? [];
}
