using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;

namespace Playstream.Core.Tests.Streaming.Ports;

public sealed class ResultVersionsTests
{
    [Fact]
    public void A_result_that_grows_gets_a_higher_version()
    {
        Assert.True(ResultVersions.Of(new ActivityWindow(0, 1800, 5, 2, 1)) > ResultVersions.Of(new ActivityWindow(0, 1800, 4, 2, 1)));
        Assert.True(ResultVersions.Of(new CustomerProfile(1, 9, 0, 0, 0, 0, 0, 0)) > ResultVersions.Of(new CustomerProfile(1, 8, 0, 0, 0, 0, 0, 0)));
        Assert.True(ResultVersions.Of([new UniqueTracks("all", [1, 2]), new UniqueTracks("mobile", [1])])
            > ResultVersions.Of([new UniqueTracks("all", [1, 2]), new UniqueTracks("mobile", [])]));
        Assert.True(ResultVersions.Of(new RunSummary(10, 1, 0, 0, new Dictionary<string, long>()))
            > ResultVersions.Of(new RunSummary(10, 0, 0, 0, new Dictionary<string, long>())));
        Assert.Equal(17, ResultVersions.OfTopTracks(17));
    }

    [Theory]
    [InlineData(1_412_164_800, 1_412_164_801)]
    [InlineData(-86_400, 0)]
    public void An_earlier_detection_gets_a_higher_version(long earlier, long later) =>
        Assert.True(ResultVersions.Of(new Interest(1, 2, earlier)) > ResultVersions.Of(new Interest(1, 2, later)));

    [Fact]
    public void A_detection_version_stays_positive_for_times_of_this_era() =>
        Assert.True(ResultVersions.Of(new Interest(1, 2, 4_102_444_800)) > 0); // 2100-01-01
}
