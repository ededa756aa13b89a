using Playstream.Core.Operators.TopTracks;
using Playstream.Core.Results;

namespace Playstream.Core.Tests.Operators.TopTracks;

public class TopNSelectorTests
{
    [Fact]
    public void Keeps_the_most_played_with_ties_to_the_smaller_id_in_any_offer_order()
    {
        var offers = new (int Track, long Plays)[] { (9, 2), (1, 1), (5, 2), (3, 2), (7, 4), (2, 1) };
        var expected = new[] { new TrackPlays(7, 4), new TrackPlays(3, 2), new TrackPlays(5, 2) };
        foreach (var order in new[] { offers, offers.Reverse().ToArray(), offers.OrderBy(o => o.Track).ToArray() })
        {
            var top = new TopNSelector(3);
            foreach (var (track, plays) in order)
                top.Offer(track, plays);
            Assert.Equal(expected, top.ToArray());
        }
    }

    [Fact]
    public void Fewer_offers_than_N_gives_them_all_ranked()
    {
        var top = new TopNSelector(10);
        top.Offer(4, 1);
        top.Offer(2, 3);
        Assert.Equal(new[] { new TrackPlays(2, 3), new TrackPlays(4, 1) }, top.ToArray());
        top.Clear();
        Assert.Empty(top.ToArray());
    }
}
