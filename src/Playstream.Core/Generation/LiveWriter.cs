using System.Buffers;

namespace Playstream.Core.Generation;

/// <summary>
/// Appends plays to a log file at a steady rate until cancelled, the way the original demo fed
/// its pipeline: once a second it writes that second's lines and flushes, so a tailer only
/// ever sees whole lines. Event ids continue from the file's existing line count.
/// </summary>
/// <remarks>
/// Time and waiting come from the constructor, so tests can run it on a fake clock: the
/// <c>delay</c> is called once per second of schedule and may simply advance that clock.
/// </remarks>
public sealed class LiveWriter
{
    /// <summary>After a stall, at most this many seconds' worth of lines are caught up; the rest are skipped.</summary>
    public const int MaxCatchUpSeconds = 3;

    private readonly LiveWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;

    public LiveWriter(LiveWriterOptions options, TimeProvider? time = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _delay = delay ?? ((wait, token) => Task.Delay(wait, _time, token));
    }

    /// <summary>
    /// Writes until <paramref name="cancellationToken"/> is cancelled (or a replay source runs
    /// out) and returns the number of lines written. Cancelling is the normal way to stop: it
    /// does not throw.
    /// </summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken = default)
    {
        var existing = ExistingLog.Inspect(_options.LiveFile);
        using var source = CreateSource(existing.Lines);
        await using var file = new FileStream(_options.LiveFile, FileMode.Append, FileAccess.Write,
            FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var output = new ArrayBufferWriter<byte>(1 << 16);
        if (existing.EndsMidLine)
            output.Write("\n"u8);   // never glue the first new line onto a half-written one

        var rate = _options.Rate;
        var started = _time.GetUtcNow();
        long written = 0, scheduled = 0;   // lines written; lines the schedule has dealt with (written or skipped)
        var exhausted = false;
        while (!exhausted && !cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var elapsed = Math.Max(0, (now - started).TotalSeconds);
            var second = (long)Math.Floor(elapsed);
            // Lines due by the end of the current second, written at its start.
            var due = (long)Math.Floor(rate * (second + 1));
            var catchUpFloor = due - (long)Math.Ceiling(rate * MaxCatchUpSeconds);
            scheduled = Math.Max(scheduled, catchUpFloor);
            var lines = Math.Max(0, due - scheduled);

            var nowSeconds = now.ToUnixTimeSeconds();
            for (long i = 0; i < lines; i++)
            {
                if (!source.TryAppendLine(output, nowSeconds))
                {
                    exhausted = true;
                    break;
                }
                written++;
                scheduled++;
            }
            if (output.WrittenCount > 0)
            {
                await file.WriteAsync(output.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
                await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                output.ResetWrittenCount();
            }
            if (exhausted)
                break;

            var wait = started + TimeSpan.FromSeconds(second + 1) - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
                continue;
            try
            {
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        return written;
    }

    private ILiveLineSource CreateSource(long existingLines) =>
        _options.ReplaySource is { } replay
            ? new ReplayedLiveLines(replay, _options.ReplayTime)
            : new GeneratedLiveLines(ListeningModel.Create(_options.Customers, _options.Tracks, _options.Seed), existingLines);
}
