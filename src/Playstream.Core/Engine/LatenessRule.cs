using Playstream.Core.Export;

namespace Playstream.Core.Engine;

/// <summary>
/// An endless stream's allowed lateness: a play more than the lateness behind the latest play
/// seen is late (a dead letter <c>late</c>, not an event), so no play to come is before the latest
/// minus the lateness: windows ending by then are final once written, and their detail can go.
/// A play before the state's evicted horizon is late whatever the lateness now (a resume with a
/// larger one, or none): its windows were final and are no longer computed.
/// </summary>
public sealed class LatenessRule(TimeSpan? allowed)
{
    private readonly long? _allowedSeconds = allowed is { } a ? (long)a.TotalSeconds : null;

    /// <summary>Why a play at <paramref name="time"/> is late for <paramref name="analytics"/>, or null when it counts.</summary>
    public string? WhyLate(PartitionAnalytics analytics, long time)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        if (_allowedSeconds is { } allowedSeconds && analytics.MaxEventTime is { } latest && time < latest - allowedSeconds)
            return $"event time {IsoTime.Format(time)} is more than {allowedSeconds}s before the latest play ({IsoTime.Format(latest)})";
        if (analytics.Horizon is { } horizon && time < horizon)
            return $"event time {IsoTime.Format(time)} is before {IsoTime.Format(horizon)}, up to which the results are final";
        return null;
    }

    /// <summary>
    /// After results were written: the horizon they made final (latest play minus the lateness),
    /// to evict before the next checkpoint; null without a lateness or before the first play.
    /// </summary>
    public long? FinalAfterWrite(PartitionAnalytics analytics) =>
        analytics is null ? throw new ArgumentNullException(nameof(analytics)) : _allowedSeconds is { } allowedSeconds ? FinalHorizon.Of([analytics.MaxEventTime], 1, allowedSeconds) : null;
}
