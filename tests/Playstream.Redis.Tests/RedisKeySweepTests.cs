using Playstream.Redis;

namespace Playstream.Redis.Tests;

public sealed class RedisKeySweepTests
{
    [Theory]
    [InlineData("playstream:", "playstream:*")]
    [InlineData("a*b?c", @"a\*b\?c*")]
    [InlineData(@"x[1]\y", @"x\[1\]\\y*")]
    public void The_pattern_takes_the_prefix_literally_and_matches_whatever_follows(string prefix, string pattern) =>
        Assert.Equal(pattern, RedisKeySweep.Pattern(prefix));
}
