using Playstream.Processor.Metrics;

namespace Playstream.Processor.Tests.Metrics;

/// <summary>Assignments written byte by byte as Kafka's consumer protocol lays them out.</summary>
public sealed class ConsumerAssignmentTests
{
    // version 0; 2 topics: "ab" with partitions 2 and 0, "c" with partition 1; user data: empty (length 0).
    private static readonly byte[] TwoTopics =
    [
        0, 0,
        0, 0, 0, 2,
        0, 2, (byte)'a', (byte)'b', 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0,
        0, 1, (byte)'c', 0, 0, 0, 1, 0, 0, 0, 1,
        0, 0, 0, 0,
    ];

    [Fact]
    public void The_partitions_of_the_asked_topic_are_read_sorted() =>
        Assert.Equal([0, 2], ConsumerAssignment.Partitions(TwoTopics, "ab"));

    [Fact]
    public void Another_topic_of_the_same_assignment_is_read_apart() =>
        Assert.Equal([1], ConsumerAssignment.Partitions(TwoTopics, "c"));

    [Fact]
    public void A_member_not_yet_synced_has_no_partitions() =>
        Assert.Empty(ConsumerAssignment.Partitions([], "ab"));

    [Fact]
    public void Bytes_cut_short_are_refused() =>
        Assert.Throws<FormatException>(() => ConsumerAssignment.Partitions(TwoTopics.AsSpan(0, 15), "ab"));
}
