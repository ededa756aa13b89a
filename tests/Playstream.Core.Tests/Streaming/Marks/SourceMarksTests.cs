using Playstream.Core.Streaming.Marks;

namespace Playstream.Core.Tests.Streaming.Marks;

public sealed class SourceMarksTests
{
    [Fact]
    public void A_record_at_or_below_its_partitions_mark_is_taken_already()
    {
        var marks = new SourceMarks(2);
        Assert.True(marks.TryAdvance(0, 5));
        Assert.False(marks.TryAdvance(0, 5));
        Assert.False(marks.TryAdvance(0, 3));
        Assert.True(marks.TryAdvance(0, 6));
        Assert.True(marks.TryAdvance(1, 0)); // partitions are apart
        Assert.Equal([6L, 0L], marks.ToArray());
    }

    [Fact]
    public void A_partition_beyond_the_known_ones_grows_the_marks_with_none_taken()
    {
        var marks = new SourceMarks(1);
        Assert.True(marks.TryAdvance(3, 10));
        Assert.Equal([-1L, -1L, -1L, 10L], marks.ToArray());
    }

    [Fact]
    public void Restoring_raises_marks_and_never_lowers_one()
    {
        var marks = new SourceMarks(2);
        marks.TryAdvance(0, 50);
        marks.Restore([20, 30, 40]);
        Assert.Equal([50L, 30L, 40L], marks.ToArray());
        Assert.False(marks.TryAdvance(2, 40));
        Assert.True(marks.TryAdvance(2, 41));
    }

    [Fact]
    public void The_marks_given_out_are_a_copy()
    {
        var marks = new SourceMarks(1);
        marks.ToArray()[0] = 99;
        Assert.True(marks.TryAdvance(0, 0));
    }

    [Fact]
    public void A_source_needs_a_partition() => Assert.Throws<ArgumentOutOfRangeException>(() => new SourceMarks(0));
}
