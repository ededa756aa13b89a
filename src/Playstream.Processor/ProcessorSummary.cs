namespace Playstream.Processor;

/// <summary>What a <c>process</c> run did, for its closing summary.</summary>
public sealed record ProcessorSummary(long Records, long Replayed, long ShipperDuplicates, long Events, long DeadLetters, long PlaysIndexed, int Flushes, TimeSpan Elapsed)
{
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Records / Elapsed.TotalSeconds : 0;
}
