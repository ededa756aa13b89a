using Playstream.Core.Checkpoints;
using Playstream.Core.Streaming.Keys;
using Playstream.Core.Streaming.Marks;

namespace Playstream.Core.Tests.Streaming.Marks;

public class ShipperMarksTests
{
    private static LinePosition At(ulong source, long offset) => new(source, offset);

    [Fact]
    public void A_line_above_its_source_mark_is_new_and_one_at_or_below_it_is_a_resend()
    {
        var marks = new ShipperMarks();
        Assert.True(marks.TryAdvance(At(1, 0)));
        Assert.True(marks.TryAdvance(At(1, 40)));
        Assert.True(marks.TryAdvance(At(1, 80)));
        Assert.False(marks.TryAdvance(At(1, 40)));  // resent
        Assert.False(marks.TryAdvance(At(1, 80)));  // resent: at the mark
        Assert.True(marks.TryAdvance(At(1, 120)));
        Assert.True(marks.TryAdvance(At(2, 40)));   // another source has its own mark
        Assert.False(marks.TryAdvance(At(2, 0)));
        Assert.Equal([new ShipperMark(1, 120), new ShipperMark(2, 40)], marks.ToList());
    }

    [Fact]
    public void Past_its_capacity_the_least_recently_seen_source_is_forgotten()
    {
        var marks = new ShipperMarks(capacity: 3);
        marks.TryAdvance(At(1, 10));
        marks.TryAdvance(At(2, 10));
        marks.TryAdvance(At(3, 10));
        Assert.False(marks.TryAdvance(At(1, 5))); // source 1 seen again: now the most recent
        marks.TryAdvance(At(4, 10));              // full: source 2, the least recently seen, goes

        Assert.Equal([new ShipperMark(3, 10), new ShipperMark(1, 10), new ShipperMark(4, 10)], marks.ToList());
        Assert.True(marks.TryAdvance(At(2, 5)));  // forgotten: its resend is taken again
        Assert.Equal(3, marks.Count);
        Assert.False(marks.TryAdvance(At(1, 10)));
    }

    [Fact]
    public void Restored_marks_decide_as_the_marks_they_were_taken_from_and_keep_their_order()
    {
        var original = new ShipperMarks(capacity: 3);
        foreach (var (source, offset) in new (ulong, long)[] { (5, 100), (6, 50), (5, 150), (7, 20) })
            original.TryAdvance(At(source, offset));

        var restored = new ShipperMarks(capacity: 3, original.ToList());

        Assert.Equal(original.ToList(), restored.ToList());
        // Same answers from both, including which sources are forgotten when new ones come.
        foreach (var probe in new[] { At(5, 150), At(6, 50), At(7, 21), At(8, 1), At(5, 149), At(6, 40) })
            Assert.Equal(original.TryAdvance(probe), restored.TryAdvance(probe));
        Assert.Equal(original.ToList(), restored.ToList());
    }

    [Fact]
    public void More_restored_marks_than_the_capacity_keep_the_most_recent()
    {
        var restored = new ShipperMarks(capacity: 2, [new ShipperMark(1, 1), new ShipperMark(2, 2), new ShipperMark(3, 3)]);
        Assert.Equal([new ShipperMark(2, 2), new ShipperMark(3, 3)], restored.ToList());
    }

    [Fact]
    public void Many_sources_agree_with_a_plain_dictionary_while_under_capacity()
    {
        // An independent model: a dictionary of marks, no eviction (capacity is never reached).
        var random = new Random(7);
        var marks = new ShipperMarks(capacity: 1000);
        var model = new Dictionary<ulong, long>();
        for (var i = 0; i < 50_000; i++)
        {
            var position = At((ulong)random.Next(500), random.Next(10_000));
            var isNew = !model.TryGetValue(position.SourceId, out var mark) || position.Offset > mark;
            if (isNew)
                model[position.SourceId] = position.Offset;
            Assert.Equal(isNew, marks.TryAdvance(position));
        }
        Assert.Equal(model.OrderBy(m => m.Key), marks.ToList().Select(m => new KeyValuePair<ulong, long>(m.SourceId, m.Offset)).OrderBy(m => m.Key));
    }
}
