using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class GeneratorOptionsTests
{
    [Fact]
    public void Defaults_match_the_original_demo()
    {
        var o = new GeneratorOptions();
        Assert.Equal(5000, o.Customers);
        Assert.Equal(1750, o.Tracks);
        Assert.Equal(1_000_000, o.Events);
        Assert.Equal(90, o.Days);
        Assert.Equal(42, o.Seed);
        Assert.Equal(new DateTime(2014, 10, 1, 0, 0, 0, DateTimeKind.Utc), o.Start);
        Assert.Equal(DateTimeKind.Utc, o.Start.Kind);
        Assert.Equal(new DateTime(2014, 12, 30, 0, 0, 0, DateTimeKind.Utc), o.End);
        o.Validate();
    }

    [Fact]
    public void Nonsense_is_rejected_with_the_option_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new GeneratorOptions { Tracks = 0 }.Validate());
        Assert.Equal("Tracks", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new GeneratorOptions { Start = GeneratorOptions.DefaultStart.AddMilliseconds(5) }.Validate());
        Assert.Equal("Start", e.ParamName);
    }
}
