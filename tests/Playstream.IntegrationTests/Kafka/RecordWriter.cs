using System.Text;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.IntegrationTests.Kafka;

/// <summary>Writes records to chosen partitions with the bare Kafka client, so the readers under test are fed by nothing of their own.</summary>
internal static class RecordWriter
{
    public static void Write(KafkaOptions options, string topic, IEnumerable<(int Partition, string? Key, string Value)> records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(options.ToProducerConfig()).Build();
        foreach (var (partition, key, value) in records)
            producer.Produce(new TopicPartition(topic, partition),
                new Message<byte[]?, byte[]> { Key = key is null ? null : Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(value) });
        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0)
            throw new TimeoutException($"records for {topic} were not delivered within 30 s");
    }
}
