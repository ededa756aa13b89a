using System.Diagnostics;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Tests.Producing;

/// <summary>The producer with no broker to reach (nothing listens on port 1); with one: the integration tests.</summary>
public class KafkaBatchProducerTests
{
    private static KafkaOptions Unreachable(params string[] properties) =>
        new KafkaOptions { BootstrapServers = "127.0.0.1:1" }.WithProperties(properties);

    [Fact]
    public void A_bad_librdkafka_property_is_refused_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => new KafkaBatchProducer(Unreachable("linger.ms=soon"), "t", new ProducerSettings()));

        Assert.StartsWith("Kafka property linger.ms:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_partitioner_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new KafkaBatchProducer(Unreachable("partitioner=round_robin"), "t", new ProducerSettings()));

        Assert.Contains("round_robin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void While_kafka_is_unreachable_sending_waits_at_the_bound_and_drops_nothing()
    {
        using var producer = new KafkaBatchProducer(Unreachable(), "t", new ProducerSettings { MaxQueuedRecords = 10 });
        for (var i = 0; i < 10; i++)
            Assert.True(producer.Send("k"u8, "v"u8, KafkaBatchProducer.AnyPartition, i, CancellationToken.None));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var eleventh = producer.Send("k"u8, "v"u8, KafkaBatchProducer.AnyPartition, 10, stop.Token);

        Assert.False(eleventh);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"returned after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(10, producer.InFlight);
        Assert.False(producer.Flush(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(10, producer.InFlight);
        Assert.Equal(0, producer.Delivered);
        Assert.Null(producer.Failure);
    }

    [Fact]
    public void The_bound_on_bytes_holds_as_well_as_the_one_on_records()
    {
        using var producer = new KafkaBatchProducer(Unreachable(), "t", new ProducerSettings { MaxQueuedKBytes = 1 });
        var value = new byte[400];
        Assert.True(producer.Send([], value, 0, 0, CancellationToken.None));
        Assert.True(producer.Send([], value, 0, 1, CancellationToken.None));
        Assert.True(producer.Send([], value, 0, 2, CancellationToken.None)); // 800 bytes held before it: still under 1 KiB
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.False(producer.Send([], value, 0, 3, stop.Token));
        Assert.Equal(3, producer.InFlight);
    }
}
