using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Streaming.Partials;

namespace Playstream.Core.Tests.Streaming.Partials;

public sealed class PaneBreakdownTests
{
    // Level 2 (gold) in the low two bits, age band 3 (35-44) above them.
    private const byte GoldAged35To44 = 2 | (3 << 2);

    [Fact]
    public void A_play_counts_once_for_its_gender_its_level_and_its_age_band()
    {
        var pane = new PaneBreakdown();
        pane.Add(1, GoldAged35To44);
        pane.Add(1, GoldAged35To44);
        pane.Add(0, CustomerTraits.Unknown);

        Assert.Equal([1L, 2L], pane.Genders[..2].ToArray());
        Assert.Equal([0L, 0L, 2L, 1L], pane.Levels.ToArray());
        Assert.Equal([0L, 0L, 0L, 2L, 0L, 0L, 0L, 1L], pane.Ages.ToArray());
    }

    [Fact]
    public void A_gender_slot_beyond_the_counts_grows_them_and_keeps_the_others()
    {
        var pane = new PaneBreakdown();
        var slots = pane.Genders.Length;
        pane.Add(1, 0, 0, 5);
        pane.Add(slots + 3, 1, 6, 2);

        Assert.True(pane.Genders.Length >= slots + 4);
        Assert.Equal(5, pane.Genders[1]);
        Assert.Equal(2, pane.Genders[slots + 3]);
        Assert.Equal(7, pane.Genders.ToArray().Sum());
        Assert.Equal([5L, 2L, 0L, 0L], pane.Levels.ToArray());
        Assert.Equal(2, pane.Ages[6]);
    }

    [Fact]
    public void Merging_adds_every_count_including_genders_the_pane_did_not_have()
    {
        var pane = new PaneBreakdown();
        pane.Add(1, 2, 3, 4);
        var other = new PaneBreakdown();
        other.Add(1, 2, 3, 1);
        var wide = other.Genders.Length + 1;
        other.Add(wide, 0, 7, 6);

        pane.Merge(other);

        Assert.Equal(5, pane.Genders[1]);
        Assert.Equal(6, pane.Genders[wide]);
        Assert.Equal([6L, 0L, 5L, 0L], pane.Levels.ToArray());
        Assert.Equal([0L, 0L, 0L, 5L, 0L, 0L, 0L, 6L], pane.Ages.ToArray());
        Assert.Throws<ArgumentNullException>(() => pane.Merge(null!));
    }

    [Fact]
    public void Gender_counts_add_up_per_slot_and_leave_levels_and_ages_alone()
    {
        var pane = new PaneBreakdown();
        var far = pane.Genders.Length + 2;
        pane.AddGender(1, 3);
        pane.AddGender(1, 4);
        pane.AddGender(far, 2);

        Assert.Equal(7, pane.Genders[1]);
        Assert.Equal(2, pane.Genders[far]);
        Assert.Equal(9, pane.Genders.ToArray().Sum());
        Assert.All(pane.Levels.ToArray(), c => Assert.Equal(0, c));
        Assert.All(pane.Ages.ToArray(), c => Assert.Equal(0, c));
        Assert.Throws<ArgumentOutOfRangeException>(() => pane.AddGender(-1, 1));
    }

    [Fact]
    public void Levels_and_ages_are_separate_counts_that_a_reader_can_set()
    {
        var pane = new PaneBreakdown();
        pane.Levels[3] = 5;
        pane.Ages[0] = 6;
        pane.AddGender(0, 1);

        Assert.Equal([0L, 0L, 0L, 5L], pane.Levels.ToArray());
        Assert.Equal([6L, 0L, 0L, 0L, 0L, 0L, 0L, 0L], pane.Ages.ToArray());
        Assert.Equal(1, pane.Genders[0]);
    }
}
