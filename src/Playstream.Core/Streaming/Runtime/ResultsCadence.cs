namespace Playstream.Core.Streaming.Runtime;

/// <summary>
/// When a <see cref="StreamRunner"/> may start its next results write. Times are the runner's
/// clock; the class keeps no clock of its own, so every rule can be tried with chosen times.
/// <list type="bullet">
/// <item>Never sooner than <see cref="RunnerOptions.ResultsInterval"/> after the last start.</item>
/// <item>While records come in: computing the results takes at most 1/(1+<see cref="RunnerOptions.ResultsComputeFactor"/>)
/// of the time, and the stores rest <see cref="RunnerOptions.ResultsWriteFactor"/> times what their last write took.</item>
/// <item>While records come in and the rest of the backlog will be read in less time than the last
/// write took, the write waits for it, at most that long: the end of a catch-up would otherwise
/// start a write of nearly every window and then, once the backlog is read, have to make it again.
/// With 2M unordered plays that second full write (300k results, 3 s) cost Elasticsearch about
/// 4 CPU seconds and the run 3 to 4 s, in about a third of runs. A live stream's writes take
/// milliseconds, and so does this wait.</item>
/// </list>
/// Once reading stops, a write is due at once.
/// </summary>
internal sealed class ResultsCadence(RunnerOptions options)
{
    // Records a second are measured over spans of at least this, so one batch does not make the rate.
    private static readonly TimeSpan RateSpan = TimeSpan.FromSeconds(1);

    private TimeSpan _lastStart = TimeSpan.FromDays(-1);
    private TimeSpan _computeRestUntil;
    private TimeSpan _storesRestUntil;
    private TimeSpan _lastWrite;
    private TimeSpan _rateFrom;
    private long _takenSinceRateFrom;
    private double _recordsPerSecond;

    /// <summary>Records read a second, over the last whole span of a second or more (0 before the first).</summary>
    public double RecordsPerSecond => _recordsPerSecond;

    /// <summary>Counts records taken, for the reading rate.</summary>
    public void Took(long records, TimeSpan now)
    {
        _takenSinceRateFrom += records;
        if (now - _rateFrom < RateSpan)
            return;
        _recordsPerSecond = _takenSinceRateFrom / (now - _rateFrom).TotalSeconds;
        _rateFrom = now;
        _takenSinceRateFrom = 0;
    }

    /// <param name="reading">Whether records came within <see cref="RunnerOptions.QuietBeforeCheck"/>.</param>
    /// <param name="backlog">Records of the held partitions not read yet, when the source can tell.</param>
    public bool IsDue(TimeSpan now, bool reading, long? backlog)
    {
        if (now - _lastStart < options.ResultsInterval)
            return false;
        if (!reading)
            return true;
        var due = _computeRestUntil > _storesRestUntil ? _computeRestUntil : _storesRestUntil;
        if (now < due)
            return false;
        // An empty backlog counts: the input read to its end still leaves the plays sent on
        // through the repartition topic and the partials of the last flushes to come.
        var readSoon = backlog is { } behind && behind <= _recordsPerSecond * _lastWrite.TotalSeconds;
        return !(readSoon && now < due + _lastWrite);
    }

    /// <summary>A write started at <paramref name="now"/>, after computing its results for <paramref name="computing"/>.</summary>
    public void Started(TimeSpan now, TimeSpan computing)
    {
        _lastStart = now;
        // Reading for the factor times the computing, after it: computing takes 1/(1+factor) of the time.
        _computeRestUntil = now + computing + computing * options.ResultsComputeFactor;
    }

    /// <summary>A write ended well at <paramref name="now"/>, having taken <paramref name="took"/>.</summary>
    public void Written(TimeSpan now, TimeSpan took)
    {
        _storesRestUntil = now + took * options.ResultsWriteFactor;
        _lastWrite = took;
    }
}
