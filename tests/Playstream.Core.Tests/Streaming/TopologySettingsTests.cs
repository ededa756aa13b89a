using Playstream.Core.Engine;
using Playstream.Core.Streaming;

namespace Playstream.Core.Tests.Streaming;

public sealed class TopologySettingsTests
{
    [Fact]
    public void A_partitions_source_is_topic_slash_partition() =>
        Assert.Equal("realtime/2", new TopologySettings { Topic = "realtime", Partitions = 3 }.SourceOf(2));

    [Fact]
    public void Bad_settings_stop_with_one_line_naming_them()
    {
        new TopologySettings { Topic = "t", Partitions = 1, AllowedLatenessSeconds = 0 }.Validate();
        Assert.Equal("a topology needs at least one partition, not 0",
            Assert.Throws<SettingsException>(() => new TopologySettings { Topic = "t", Partitions = 0 }.Validate()).Message);
        Assert.Equal("the allowed lateness cannot be negative",
            Assert.Throws<SettingsException>(() => new TopologySettings { Topic = "t", Partitions = 1, AllowedLatenessSeconds = -1 }.Validate()).Message);
        Assert.Equal("top-n: must be at least 1 (got 0)",
            Assert.Throws<SettingsException>(() => new TopologySettings { Topic = "t", Partitions = 1, Analytics = AnalyticsSettings.Default with { TopN = 0 } }.Validate()).Message);
        Assert.ThrowsAny<ArgumentException>(() => new TopologySettings { Topic = " ", Partitions = 1 }.Validate());
    }
}
