using Playstream.Core.Engine;
using Playstream.TestSupport;

namespace Playstream.Settings.Tests;

public sealed class JsonSettingsFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_and_keys_are_case_insensitive()
    {
        var file = _folder.Write("s.json", """
            {
              // where the broker is
              "Kafka": { "bootstrapServers": "k:1", },
              /* and Redis */ "redis": { "endpoint": "r:2" },
            }
            """);

        var settings = JsonSettingsFile.Read(file, why => why);

        Assert.Equal("k:1", settings[SettingKeys.KafkaBootstrapServers]);
        Assert.Equal("r:2", settings["REDIS:ENDPOINT"]);
    }

    [Fact]
    public void A_file_that_is_not_json_is_the_callers_one_line_with_the_parsers_reason_on_one_line()
    {
        var file = _folder.Write("bad.json", "{ \"kafka\": \n { \"bootstrapServers\": }");

        var e = Assert.Throws<SettingsException>(() => JsonSettingsFile.Read(file, why => $"settings: bad file: {why}"));

        Assert.StartsWith("settings: bad file: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Length > "settings: bad file: ".Length);
    }
}
