using Playstream.Core.Lookups;
using StackExchange.Redis;

namespace Playstream.Redis.Tests;

public class TrackHashTests
{
    [Fact]
    public void Fields_are_title_artist_and_length_in_seconds()
    {
        var entries = TrackHash.ToEntries(new Track(326, "Helplessly Hoping", "Crosby", 195));
        Assert.Equal(["title", "artist", "length"], entries.Select(e => e.Name.ToString()));
        Assert.Equal(["Helplessly Hoping", "Crosby", "195"], entries.Select(e => e.Value.ToString()));
    }

    [Fact]
    public void Reads_back_the_same_track()
    {
        var track = new Track(7, "Title, with comma", "\"Quoted\" Artist", 359);
        Assert.Equal(track, TrackHash.FromEntries(7, TrackHash.ToEntries(track)));
    }

    [Fact]
    public void A_length_that_is_not_a_whole_number_is_no_track()
    {
        Assert.Null(TrackHash.FromEntries(1, [new HashEntry("title", "t"), new HashEntry("artist", "a"), new HashEntry("length", "3.5")]));
        Assert.Null(TrackHash.FromEntries(1, [new HashEntry("title", "t"), new HashEntry("artist", "a")]));
    }

    [Fact]
    public void An_empty_hash_is_no_track() => Assert.Null(TrackHash.FromEntries(1, []));
}
