using Playstream.Cli.Settings;

namespace Playstream.Cli.Tests.Settings;

public class SettingsProblemsTests
{
    [Fact]
    public void Defaults_have_no_problem() => Assert.Empty(SettingsProblems.Of(new PlaystreamSettings()));

    [Fact]
    public void A_redis_key_prefix_with_a_space_is_named_with_why()
    {
        var settings = new PlaystreamSettings();
        settings.Redis.KeyPrefix = "my app:";
        var problem = Assert.Single(SettingsProblems.Of(settings));
        Assert.StartsWith("redis:", problem, StringComparison.Ordinal);
        Assert.Contains("white space", problem, StringComparison.Ordinal);
    }
}
