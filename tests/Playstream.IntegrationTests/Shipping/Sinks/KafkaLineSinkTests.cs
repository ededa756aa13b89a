using System.Globalization;
using System.Text;
using Playstream.Core.Streaming.Keys;
using Playstream.IntegrationTests.Kafka;
using Playstream.Shipping.Delivery;
using Playstream.Shipping.Sinks;

namespace Playstream.IntegrationTests.Shipping.Sinks;

/// <summary>The shipper's sink against the real broker: what lands where, under which key, and what is acknowledged.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaLineSinkTests(KafkaBroker broker)
{
    private const int Partitions = 3;

    /// <summary>One file being shipped: its source id, its window, and the lines sent with their offsets.</summary>
    private sealed class File(ulong sourceId)
    {
        public ulong SourceId { get; } = sourceId;
        public AckWindow Window { get; } = new(0, capacity: 4096);
        public List<(long Offset, string Line)> Sent { get; } = [];
        public long End { get; private set; }

        public void Send(KafkaLineSink sink, string line)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.True(Window.TryAdd(End + bytes.Length + 1, out var slot));
            Assert.True(sink.Send(bytes, $"/logs/{SourceId:x}.log", SourceId, End, Window, slot, CancellationToken.None));
            Sent.Add((End, line));
            End += bytes.Length + 1;
        }
    }

    [Fact]
    public async Task Lines_arrive_keyed_by_customer_and_position_in_their_customers_partition_and_each_files_window_is_acknowledged()
    {
        var topic = await broker.CreateTopicAsync("line-sink", Partitions);
        File[] files = [new(0x1111_2222_3333_4444UL), new(0xabcdefUL)];
        using (var sink = new KafkaLineSink(broker.Options(), topic))
        {
            // The two files' lines in turn, and now and then a line without a readable customer_id.
            for (var i = 0; i < 2_000; i++)
            {
                files[i % 2].Send(sink, i % 97 == 5 ? $"{i},x,1,2014-10-01 10:00:00,0,1" : ShipLog.Line(i));
                if (i % 100 == 99)
                    sink.Push();
            }
            sink.Push();
            Assert.True(sink.Flush(TimeSpan.FromSeconds(60)));
            Assert.Equal(2_000, sink.Acknowledged);
            Assert.Null(sink.Failure);
        }

        Assert.All(files, f => Assert.Equal((f.End, 0), (f.Window.AcknowledgedOffset, f.Window.InFlight)));
        var records = TopicContents.Read(broker.Options(), topic, Partitions);
        Assert.Equal(2_000, records.Count);
        foreach (var file in files)
            foreach (var (offset, line) in file.Sent)
            {
                var customer = line.Split(',')[1];
                var digits = int.TryParse(customer, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id.ToString(CultureInfo.InvariantCulture) : "";
                var record = Assert.Single(records, r => r.Value == line);
                // The digits' form is pinned by ShippedLineKeyTests' hand-worked keys; here, what they carry.
                Assert.StartsWith($"{digits}@", record.Key);
                Assert.True(ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(record.Key!), out var sent));
                Assert.Equal(new LinePosition(file.SourceId, offset), sent);
                if (digits.Length > 0)
                    Assert.Equal(CustomerPartition.Of(id, Partitions), record.Partition);
            }
        // Each file's lines of one partition in file order.
        var positions = records.Select(r =>
        {
            Assert.True(ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(r.Key!), out var position));
            return (r.Partition, position.SourceId, position.Offset);
        }).ToList();
        foreach (var stream in positions.GroupBy(p => (p.Partition, p.SourceId)))
            Assert.Equal(stream.Select(p => p.Offset).Order(), stream.Select(p => p.Offset));
    }
}
