using System.Diagnostics;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.Bench;

/// <summary>
/// The ceiling a consumer of a topic can reach on this machine: a group member that reads every
/// record and does nothing with it, with the client settings <c>process</c> uses. What the
/// benchmarks hold <c>process</c> against.
/// </summary>
internal static class BareConsumer
{
    public sealed record Reading(TimeSpan Total, TimeSpan Steady, long Records)
    {
        public double TotalSeconds => Total.TotalSeconds;
    }

    /// <summary>Reads <paramref name="expected"/> records of the topic from the start with a new group; the steady time runs from the first record to the last.</summary>
    public static Reading Read(KafkaOptions kafka, string topic, long expected)
    {
        var config = kafka.ToConsumerConfig($"bare-{Guid.NewGuid():N}");
        var total = Stopwatch.StartNew();
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(topic);
        long records = 0;
        TimeSpan first = default;
        while (records < expected)
        {
            if (total.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"the bare consumer read {records:N0} of {expected:N0} records of {topic} in 10 minutes");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is null)
                continue;
            if (records++ == 0)
                first = total.Elapsed;
        }
        var read = total.Elapsed;
        consumer.Close();
        return new Reading(read, read - first, records);
    }
}
