using Playstream.Core.Events;
using Playstream.Core.Pipeline;
using Playstream.Processor.Metrics;
using Playstream.TestSupport;

namespace Playstream.Processor.Tests.Metrics;

public sealed class DeadLetterCounterTests
{
    private readonly ProcessorMetrics _metrics = new("g1", "plays");

    [Fact]
    public async Task Dead_letters_are_counted_by_reason_with_late_plays_apart()
    {
        var passed = new List<DeadLetter>();
        var sink = new DeadLetterCounter(new ListSink(passed), _metrics);
        var at = new SourcePosition("plays/0", 7);
        sink.Write(new DeadLetter(DeadLetterReason.BadDatetime, at, "x", "bad"));
        sink.Write(new DeadLetter(DeadLetterReason.BadDatetime, at, "y", "bad"));
        sink.Write(new DeadLetter(DeadLetterReason.Late, at, "z", "late"));

        Assert.Equal(3, passed.Count);
        var scrape = await Scrape.FromAsync(s => _metrics.Registry.CollectAndExportAsTextAsync(s));
        Assert.Equal(2, scrape.Value("playstream_dead_letters_total", ("reason", "bad_datetime")));
        Assert.Equal(1, scrape.Value("playstream_dead_letters_total", ("reason", "late")));
        Assert.Equal(1, scrape.Value("playstream_late_plays_total"));
    }

    private sealed class ListSink(List<DeadLetter> letters) : IDeadLetterSink
    {
        public void Write(DeadLetter letter) => letters.Add(letter);
    }
}
