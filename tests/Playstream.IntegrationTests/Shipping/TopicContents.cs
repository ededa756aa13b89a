using System.Text;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.IntegrationTests.Shipping;

/// <summary>Every record of a topic, read straight from its partitions up to their current ends.</summary>
internal static class TopicContents
{
    public sealed record Record(int Partition, string? Key, string Value);

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public static List<Record> Read(KafkaOptions options, string topic, int partitions)
    {
        var config = options.ToConsumerConfig("playstream-it-ship-reader");
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        var ends = new Dictionary<int, long>();
        for (var p = 0; p < partitions; p++)
            ends[p] = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value;
        var records = new List<Record>();
        var open = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        if (open.Count == 0)
            return records;
        consumer.Assign(open.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (open.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"reading {topic} did not reach its end");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || result.IsPartitionEOF)
                continue;
            records.Add(new Record(result.Partition.Value, result.Message.Key is null ? null : Encoding.UTF8.GetString(result.Message.Key),
                Encoding.UTF8.GetString(result.Message.Value)));
            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
                open.Remove(result.Partition.Value);
        }
        return records;
    }
}
