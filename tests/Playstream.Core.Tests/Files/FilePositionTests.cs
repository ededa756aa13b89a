using System.Text;
using System.Text.Json;
using Playstream.Core.Files;

namespace Playstream.Core.Tests.Files;

public class FilePositionTests
{
    private static readonly FilePosition Position = new(
        "/logs/a.log", new FileIdentity(2049, ulong.MaxValue), new Fingerprint(12, "00112233445566778899aabbccddeeff"),
        Offset: 120, Line: 7, Generation: 3, LastSeen: new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private static string Json(FilePosition position)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            position.WriteTo(json);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static FilePosition Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FilePosition.ReadFrom(document.RootElement);
    }

    [Fact]
    public void A_position_is_one_json_object_with_the_shippers_field_names_and_reads_back_the_same()
    {
        var json = Json(Position);
        const string expected = """
            {"path":"/logs/a.log","offset":120,"line":7,"device":2049,"inode":18446744073709551615,"fingerprint_length":12,"fingerprint":"00112233445566778899aabbccddeeff","last_seen":"2024-05-01T12:00:00+00:00","generation":3}
            """;
        Assert.Equal(expected, json);
        Assert.Equal(Position, Read(json));
    }

    [Fact]
    public void A_position_written_before_lines_and_generations_were_kept_reads_with_0_for_both()
    {
        var earlier = Read("""
            {"path": "/logs/a.log", "offset": 120, "device": 2049, "inode": 18446744073709551615,
             "fingerprint_length": 12, "fingerprint": "00112233445566778899aabbccddeeff", "last_seen": "2024-05-01T12:00:00+00:00"}
            """);
        Assert.Equal(Position with { Line = 0, Generation = 0 }, earlier);
    }

    [Theory]
    [InlineData("""{"path": "/a"}""")]
    [InlineData("""{"path": "/a", "offset": -1, "device": 1, "inode": 1, "fingerprint_length": 0, "fingerprint": "", "last_seen": "2024-05-01T12:00:00+00:00"}""")]
    [InlineData("""{"path": "/a", "offset": 1, "device": 1, "inode": 1, "fingerprint_length": 5000, "fingerprint": "", "last_seen": "2024-05-01T12:00:00+00:00"}""")]
    [InlineData("""{"path": "/a", "offset": "x", "device": 1, "inode": 1, "fingerprint_length": 0, "fingerprint": "", "last_seen": "2024-05-01T12:00:00+00:00"}""")]
    public void A_damaged_position_is_refused(string json) =>
        Assert.Throws<InvalidDataException>(() => Read(json));
}
