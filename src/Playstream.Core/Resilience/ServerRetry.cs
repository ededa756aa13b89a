using Polly;

namespace Playstream.Core.Resilience;

/// <summary>
/// Runs a call to a server until it succeeds, waiting longer after each failure (1 s, 2 s,
/// 4 s ... 30 s, <see cref="Backoff"/>'s endless retry) and saying so in one short line: a server
/// that is down is waited for and reported, not crashed on. Only a stop (the token) ends the waiting.
/// </summary>
public sealed class ServerRetry
{
    private readonly ResiliencePipeline _pipeline;
    private readonly Action<string> _report;
    private readonly Func<Exception, string> _describe;

    /// <param name="report">Hears each failure and the recovery.</param>
    /// <param name="describe">Says in a few words why a call failed (a client's messages can run to a thousand characters).</param>
    /// <param name="maxDelay">The longest pause between tries.</param>
    /// <param name="retryOn">Narrows the failures worth waiting out (default: all but a cancellation, a
    /// <see cref="NotRetryableException"/> and a bad setting, which go straight to the caller).</param>
    /// <param name="time">The clock the waits run on (tests pass one that does not wait).</param>
    public ServerRetry(
        Action<string> report, Func<Exception, string>? describe = null, TimeSpan? maxDelay = null,
        Func<Exception, bool>? retryOn = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        _report = report;
        _describe = describe ?? FirstLine;
        var backoff = maxDelay is { } max ? new Backoff { Max = max } : new Backoff();
        _pipeline = backoff.Pipeline(
            e => e is not (NotRetryableException or Engine.SettingsException) && (retryOn?.Invoke(e) ?? true),
            args =>
            {
                var what = args.Context.Properties.TryGetValue(What, out var text) ? text : "a call";
                _report($"{what} failed ({_describe(args.Outcome.Exception!)}); retrying in {args.RetryDelay.TotalSeconds:0}s");
                return default;
            },
            time);
    }

    private static readonly ResiliencePropertyKey<string> What = new("playstream.what");

    public async Task RunAsync(string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        await RunAsync<bool>(what, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> RunAsync<T>(string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(What, what);
        var failures = 0;
        try
        {
            var result = await _pipeline.ExecuteAsync(async ctx =>
            {
                try
                {
                    return await call(ctx.CancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures++;
                    throw;
                }
            }, context).ConfigureAwait(false);
            if (failures > 0)
                _report($"{what}: recovered after {failures} failed attempt(s)");
            return result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static string FirstLine(Exception e)
    {
        var message = e.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
