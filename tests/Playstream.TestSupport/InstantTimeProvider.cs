namespace Playstream.TestSupport;

/// <summary>
/// A clock under which nothing waits: every timer fires at once and the clock jumps forward by
/// its due time, so code that backs off runs in no time while the waits it asked for are kept in
/// <see cref="Waits"/>. A periodic timer fires once. Not for a timer that must not fire yet (a
/// timeout racing the work it bounds).
/// </summary>
public sealed class InstantTimeProvider : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _waits = [];
    private TimeSpan _elapsed;

    /// <summary>The due time of every timer that fired, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
                return [.. _waits];
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return Start + _elapsed;
    }

    public override long GetTimestamp()
    {
        lock (_gate)
            return _elapsed.Ticks;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FiringTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Fire(TimeSpan dueTime, TimerCallback callback, object? state)
    {
        lock (_gate)
        {
            _waits.Add(dueTime);
            _elapsed += dueTime;
        }
        // Not inline: the code that made the timer has not finished setting it up yet.
        ThreadPool.QueueUserWorkItem(_ => callback(state));
    }

    private sealed class FiringTimer(InstantTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
                return false;
            if (dueTime != Timeout.InfiniteTimeSpan)
                clock.Fire(dueTime, callback, state);
            return true;
        }

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return default;
        }
    }
}
