using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class SplitMix64Tests
{
    [Fact]
    public void First_output_from_state_zero_is_the_published_reference()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Derived_streams_differ_by_stream_and_by_seed()
    {
        var seeds = new HashSet<ulong>();
        foreach (var seed in new long[] { 0, 1, 42, -1 })
            foreach (var stream in Enum.GetValues<RandomStream>())
                Assert.True(seeds.Add(SplitMix64.Derive(seed, stream)), $"collision at seed {seed}, stream {stream}");
    }
}
