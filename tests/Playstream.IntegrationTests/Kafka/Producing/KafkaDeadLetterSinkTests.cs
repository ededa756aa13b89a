using System.Text.Json;
using Playstream.Core.Events;
using Playstream.IntegrationTests.Shipping;
using Playstream.Kafka.Producing;

namespace Playstream.IntegrationTests.Kafka.Producing;

/// <summary>Dead letters into the real broker.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaDeadLetterSinkTests(KafkaBroker broker)
{
    private static readonly DeadLetter[] Letters =
    [
        new(DeadLetterReason.FieldCount, new SourcePosition("plays/2", 17), "1,2", "the line does not have exactly 6 comma-separated fields"),
        new(DeadLetterReason.BadDatetime, new SourcePosition("plays/0", 3), "5,1,2,\"2014-13-01 00:00:00\",0,\"1\"", "datetime is not yyyy-MM-dd HH:mm:ss"),
        new(DeadLetterReason.Late, new SourcePosition("plays/1", 40_000_000_000), "caf\u00e9 \"quoted\" \\ \u2603", "event time is late"),
    ];

    private static readonly Dictionary<DeadLetterReason, string> ReasonNames = new()
    {
        [DeadLetterReason.FieldCount] = "field_count",
        [DeadLetterReason.BadDatetime] = "bad_datetime",
        [DeadLetterReason.Late] = "late",
    };

    [Theory]
    [InlineData(true, "offset")]
    [InlineData(false, "line")]
    public async Task A_dead_letter_arrives_as_its_json_keyed_by_its_position(bool positionIsOffset, string positionName)
    {
        var topic = await broker.CreateTopicAsync("dead-letters", 1);
        using (var sink = new KafkaDeadLetterSink(broker.Options(), topic, positionIsOffset))
        {
            Assert.Equal(topic, sink.Topic);
            // From several threads at once, as the tasks of a member write them.
            Parallel.ForEach(Letters, sink.Write);
            sink.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(Letters.Length, sink.Delivered);
        }

        var records = TopicContents.Read(broker.Options(), topic, 1);
        Assert.Equal(Letters.Select(l => $"{l.Position.Source}:{l.Position.Line}").Order(), records.Select(r => r.Key!).Order());
        foreach (var record in records)
        {
            var letter = Letters.Single(l => record.Key == $"{l.Position.Source}:{l.Position.Line}");
            using var json = JsonDocument.Parse(record.Value);
            var root = json.RootElement;
            Assert.Equal(["reason", "source", positionName, "raw", "detail"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(ReasonNames[letter.Reason], root.GetProperty("reason").GetString());
            Assert.Equal(letter.Position.Source, root.GetProperty("source").GetString());
            Assert.Equal(letter.Position.Line, root.GetProperty(positionName).GetInt64());
            Assert.Equal(letter.RawText, root.GetProperty("raw").GetString());
            Assert.Equal(letter.Detail, root.GetProperty("detail").GetString());
        }
    }
}
