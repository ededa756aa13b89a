using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Streaming.Stages;

namespace Playstream.Core.Tests.Streaming.Stages;

public sealed class FlushChangesTests
{
    [Fact]
    public void A_play_is_counted_in_its_activity_pane_its_top_tracks_pane_its_breakdown_and_its_zip()
    {
        var changes = new FlushChanges(AnalyticsSettings.Default);
        var female = GenderCodes.Slot("F");
        var zip = ZipKey.Of("02134"u8);
        changes.AddPlay(3_600 + 299, isMobile: true, female, track: 5, CustomerTraits.Unknown, zip);
        changes.AddPlay(3_600 + 300, isMobile: false, female, track: 5, CustomerTraits.Unknown, zip);

        Assert.Equal([(12L, (1L, 1L)), (13L, (1L, 0L))], changes.PanePlays.Select(kv => (kv.Key, kv.Value)).Order());
        Assert.Equal([((1L, female, 5), 2L)], changes.TrackPlays.Select(kv => (kv.Key, kv.Value))); // one hour pane
        Assert.Equal([12L, 13L], changes.Breakdowns.Keys.Order());
        Assert.Equal([(zip, 2L)], changes.Zips.Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public void It_is_empty_until_a_play_or_a_dead_letter_and_clear_empties_it_again()
    {
        var changes = new FlushChanges(AnalyticsSettings.Default);
        Assert.True(changes.IsEmpty);
        changes.Counters.CountDeadLetter(DeadLetterReason.Late);
        Assert.False(changes.IsEmpty);

        changes.Plays.Add(new FlushChanges.LoggedPlay(1, 2, 3, false));
        changes.AddPlay(3, false, 0, 2, CustomerTraits.Unknown, ZipKey.OtherKey);
        changes.NewTracks.Add(2);
        changes.Clear();

        Assert.True(changes.IsEmpty);
        Assert.Empty(changes.PanePlays);
        Assert.Empty(changes.TrackPlays);
        Assert.Empty(changes.Breakdowns);
        Assert.Empty(changes.Zips);
        Assert.Empty(changes.NewTracks);
    }
}
