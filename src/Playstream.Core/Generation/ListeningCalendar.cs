namespace Playstream.Core.Generation;

/// <summary>
/// How many plays fall in each hour of the period: a daily rhythm (quiet before dawn, a peak in
/// the evening), busier weekends, slow growth of the service over the period and some day-to-day
/// noise. The counts add up to the requested number of plays exactly.
/// </summary>
internal static class ListeningCalendar
{
    /// <summary>Relative listening by UTC hour of day: night lowest, evening highest.</summary>
    private static readonly double[] HourWeights =
    [
        0.40, 0.25, 0.15, 0.10, 0.10, 0.18, 0.35, 0.60, 0.80, 0.75, 0.70, 0.75,
        0.85, 0.80, 0.75, 0.80, 0.90, 1.10, 1.25, 1.40, 1.45, 1.30, 1.00, 0.70,
    ];

    public static double HourWeight(int hourOfDay) => HourWeights[hourOfDay];

    /// <summary>Plays per hour slot [start + h hours, start + h + 1 hours), for every slot of the period.</summary>
    public static long[] HourCounts(long events, DateTime start, int days, long seed)
    {
        var rng = new Xoshiro256StarStar(SplitMix64.Derive(seed, RandomStream.Calendar));
        var hours = days * 24;
        var cumulative = new double[hours];
        var total = 0.0;
        var dayFactor = 1.0;
        for (var h = 0; h < hours; h++)
        {
            var at = start.AddHours(h);
            if (h % 24 == 0)
            {
                var weekend = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.15 : 1.0;
                var growth = 1.0 + 0.3 * h / hours;
                dayFactor = weekend * growth * (0.9 + 0.2 * rng.NextDouble());
            }
            total += HourWeights[at.Hour] * dayFactor;
            cumulative[h] = total;
        }
        // Rounding the running total (not each hour) keeps the sum exact.
        var counts = new long[hours];
        long previous = 0;
        for (var h = 0; h < hours; h++)
        {
            var upTo = h == hours - 1 ? events : (long)Math.Round(events * (cumulative[h] / total));
            counts[h] = upTo - previous;
            previous = upTo;
        }
        return counts;
    }
}
