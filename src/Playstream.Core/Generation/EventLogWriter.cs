namespace Playstream.Core.Generation;

/// <summary>
/// Streams the event log hour by hour: each hour's plays get their seconds by counting sort
/// (3,600 counters, no list of times), and each play is formatted straight into a pooled 1 MiB
/// block; a full block is written while the next one fills. Memory stays flat whatever the
/// number of plays.
/// </summary>
internal static class EventLogWriter
{
    /// <summary>Chance that a play is logged a little early (1-90 s before its slot), so the log is only mostly ordered.</summary>
    public const double EarlyChance = 0.002;
    public const int MaxEarlySeconds = 90;

    private const int BlockSize = 1 << 20;
    private const long ProgressEvery = 1 << 18;

    public static long Write(Stream destination, GeneratorOptions options, ListeningModel model,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var counts = ListeningCalendar.HourCounts(options.Events, options.Start, options.Days, options.Seed);
        var startSeconds = (options.Start.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        var times = new Xoshiro256StarStar(SplitMix64.Derive(options.Seed, RandomStream.Seconds));
        var picker = model.CreatePicker(SplitMix64.Derive(options.Seed, RandomStream.Plays));
        var formatter = new EventLineFormatter();
        var earlyThreshold = Xoshiro256StarStar.Threshold(EarlyChance);
        var perSecond = new int[3600];
        var damage = EventDamage.Applies(options) ? new EventDamage(options) : null;
        using var output = new OverlappedBlockWriter(destination, BlockSize);
        long id = 0, reported = 0;
        for (var h = 0; h < counts.Length; h++)
        {
            var inHour = counts[h];
            if (inHour == 0)
                continue;
            Array.Clear(perSecond);
            for (long i = 0; i < inHour; i++)
                perSecond[times.NextInt(3600)]++;
            var hourStart = startSeconds + h * 3600L;
            for (var s = 0; s < 3600; s++)
            {
                for (var k = perSecond[s]; k > 0; k--)
                {
                    var play = picker.Next(hourStart + s, out var time);
                    if (times.Below(earlyThreshold))
                        time = Math.Max(startSeconds, time - times.NextInt(1, MaxEarlySeconds + 1));
                    if (output.Free < EventLineFormatter.MaxLineLength)
                    {
                        output.Hand();
                        cancellationToken.ThrowIfCancellationRequested();
                        if (progress is not null && id - reported >= ProgressEvery)
                        {
                            progress.Report(id);
                            reported = id;
                        }
                    }
                    var customer = play.Customer;
                    var track = play.Track;
                    if (damage is not null && damage.Next(ref customer, ref track) == DamageKind.Broken)
                        output.Used += damage.FormatBroken(output.Block.AsSpan(output.Used), id++, customer, track);
                    else
                        output.Used += formatter.Format(output.Block.AsSpan(output.Used), id++, customer, track, time, play.IsMobile, play.Zip);
                }
            }
        }
        output.Complete();
        progress?.Report(id);
        return id;
    }
}
