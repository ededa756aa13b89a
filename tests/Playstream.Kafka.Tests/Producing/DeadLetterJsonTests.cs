using System.Text.Json;
using Playstream.Core.Events;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Tests.Producing;

public class DeadLetterJsonTests
{
    [Fact]
    public void A_kafka_dead_letter_has_reason_source_offset_raw_and_detail()
    {
        var letter = new DeadLetter(DeadLetterReason.BadIsMobile, new SourcePosition("plays/2", 41), "1,2,3,\"x\",\"y\"", "why");

        using var json = JsonDocument.Parse(DeadLetterJson.Serialize(letter));
        var root = json.RootElement;

        Assert.Equal("bad_ismobile", root.GetProperty("reason").GetString());
        Assert.Equal("plays/2", root.GetProperty("source").GetString());
        Assert.Equal(41, root.GetProperty("offset").GetInt64());
        Assert.Equal("1,2,3,\"x\",\"y\"", root.GetProperty("raw").GetString());
        Assert.Equal("why", root.GetProperty("detail").GetString());
        Assert.False(root.TryGetProperty("line", out _));
    }

    [Fact]
    public void A_file_dead_letter_names_its_position_a_line()
    {
        var letter = new DeadLetter(DeadLetterReason.FieldCount, new SourcePosition("events.csv", 7), "a,b", "d");

        using var json = JsonDocument.Parse(DeadLetterJson.Serialize(letter, positionIsOffset: false));

        Assert.Equal(7, json.RootElement.GetProperty("line").GetInt64());
        Assert.False(json.RootElement.TryGetProperty("offset", out _));
    }

    [Fact]
    public void Text_that_is_not_plain_ascii_survives_the_round_trip()
    {
        var raw = "1,2,3,\"2014-10-23 03:00:00\",0,\"Zürich \"\"Süd\"\"\"\t\uFFFD";
        var letter = new DeadLetter(DeadLetterReason.BadQuoting, new SourcePosition("plays/0", 0), raw, "d");

        using var json = JsonDocument.Parse(DeadLetterJson.Serialize(letter));

        Assert.Equal(raw, json.RootElement.GetProperty("raw").GetString());
    }
}
