using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;

namespace Playstream.Core.Tests.Streaming.Ports;

public sealed class ResultChangesTests
{
    private static readonly RunSummary NoDeadLetters = new(1, 0, 0, 0, new Dictionary<string, long>());

    [Fact]
    public void Nothing_changed_is_empty_and_counts_zero()
    {
        var none = new ResultChanges { Breakdowns = new BreakdownResults([], []) };
        Assert.True(none.IsEmpty);
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public void Each_value_counts_once_and_any_one_makes_it_not_empty()
    {
        var changes = new ResultChanges
        {
            Activity = [new ActivityWindow(0, 1, 1, 1, 0)],
            Interests = [new Interest(1, 2, 3), new Interest(1, 3, 3)],
            UniqueTracks = [new UniqueTracks("all", [1]), new UniqueTracks("mobile", [])],
            Summary = NoDeadLetters,
            Breakdowns = new BreakdownResults([new PanePlays(0, 300, "gender", "F", 1)], [new ZipPlays("1", 1)]),
        };
        Assert.False(changes.IsEmpty);
        Assert.Equal(1 + 2 + 2 + 1 + 2, changes.Count);
        Assert.False(new ResultChanges { ProfileSummary = new ProfileSummary(1, 1, 0, 0, 0, 0, 1) }.IsEmpty);
    }

    [Fact]
    public void Combined_lists_hold_both_and_singletons_are_the_later_ones_where_it_has_them()
    {
        var earlier = new ResultChanges
        {
            Activity = [new ActivityWindow(0, 1, 1, 1, 0)],
            Summary = NoDeadLetters,
            ProfileSummary = new ProfileSummary(1, 1, 0, 0, 0, 0, 1),
            ProfileSummaryVersion = 4,
            Breakdowns = new BreakdownResults([new PanePlays(0, 300, "level", "gold", 1)], []),
        };
        var later = new ResultChanges
        {
            Activity = [new ActivityWindow(300, 301, 2, 1, 0)],
            UniqueTracks = [new UniqueTracks("all", [7])],
            Breakdowns = new BreakdownResults([], [new ZipPlays("9", 1)]),
        };

        var both = ResultChanges.Combine(earlier, later);

        Assert.Equal([.. earlier.Activity, .. later.Activity], both.Activity);
        Assert.Same(earlier.Summary, both.Summary);
        Assert.Same(later.UniqueTracks, both.UniqueTracks);
        Assert.Equal((earlier.ProfileSummary, 4L), (both.ProfileSummary, both.ProfileSummaryVersion));
        Assert.Equal(earlier.Breakdowns.Panes, both.Breakdowns!.Panes);
        Assert.Equal(later.Breakdowns.Zips, both.Breakdowns.Zips);

        var newerSummary = ResultChanges.Combine(both, new ResultChanges { ProfileSummary = new ProfileSummary(2, 0, 1, 0, 0, 0, 1), ProfileSummaryVersion = 9 });
        Assert.Equal(9, newerSummary.ProfileSummaryVersion);
        Assert.Equal(2, newerSummary.ProfileSummary!.Customers);
    }
}
