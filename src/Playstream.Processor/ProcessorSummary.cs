namespace Playstream.Processor;

/// <summary>What a <c>process</c> member did, for its closing summary.</summary>
/// <param name="GroupFinished">With <c>--until-idle</c>: whether it ended because the group had taken and written everything.</param>
public sealed record ProcessorSummary(long Records, long Events, long Repartitioned, long ShipperDuplicates, long PlaysIndexed, long Flushes, TimeSpan Elapsed, bool GroupFinished)
{
    public double RecordsPerSecond => Elapsed.TotalSeconds > 0 ? Records / Elapsed.TotalSeconds : 0;
}
