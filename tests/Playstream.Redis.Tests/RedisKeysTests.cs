namespace Playstream.Redis.Tests;

public class RedisKeysTests
{
    [Fact]
    public void Lookup_keys_use_the_default_prefix()
    {
        var keys = new RedisKeys();
        Assert.Equal("playstream:customer:0", keys.Customer(0));
        Assert.Equal("playstream:customer:4999", keys.Customer(4999));
        Assert.Equal("playstream:track:326", keys.Track(326));
        Assert.Equal("playstream:customers", keys.CustomerIds);
        Assert.Equal("playstream:tracks", keys.TrackIds);
        Assert.Equal("playstream:lookups:version", keys.LookupsVersion);
    }

    [Fact]
    public void Result_keys_use_the_default_prefix()
    {
        var keys = new RedisKeys();
        Assert.Equal("playstream:interests:48", keys.Interests(48));
        Assert.Equal("playstream:interests_detected_at:48", keys.InterestDetectedAt(48));
        Assert.Equal("playstream:unique_tracks:all", keys.UniqueTracks("all"));
        Assert.Equal("playstream:unique_tracks:mobile", keys.UniqueTracks("mobile"));
        Assert.Equal("playstream:top_tracks:1", keys.TopTracks("1"));
        Assert.Equal("playstream:top_tracks:unknown", keys.TopTracks("unknown"));
        Assert.Equal("playstream:profile:7", keys.Profile(7));
        Assert.Equal("playstream:profile_summary", keys.ProfileSummary);
        Assert.Equal("playstream:summary", keys.Summary);
    }

    [Fact]
    public void Another_prefix_moves_every_key_but_the_original_layouts()
    {
        var keys = new RedisKeys("test:");
        Assert.Equal("test:customer:5", keys.Customer(5));
        Assert.Equal("test:lookups:version", keys.LookupsVersion);
        Assert.Equal("test:original:customers", keys.OriginalCustomerIds);
        Assert.Equal("5", RedisKeys.OriginalCustomer(5));
    }

    [Fact]
    public void Ids_are_written_without_separators_whatever_the_culture()
    {
        var keys = new RedisKeys();
        Assert.Equal("playstream:customer:1234567", keys.Customer(1_234_567));
    }
}
