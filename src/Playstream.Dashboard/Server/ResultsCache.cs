using Playstream.Dashboard.Api;
using Playstream.Dashboard.Sources;

namespace Playstream.Dashboard.Server;

/// <summary>
/// Polls the source's version and keeps one <see cref="DashboardView"/> of the latest results;
/// requests read the view, and <see cref="Changed"/> tells the page's event streams when a new
/// version arrives. One reader at a time touches the source.
/// </summary>
public sealed class ResultsCache : IAsyncDisposable
{
    private readonly IDashboardSource _source;
    private readonly TimeSpan _pollInterval;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _poller;
    private DashboardView? _view;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResultsCache(IDashboardSource source, TimeSpan pollInterval)
    {
        _source = source;
        _pollInterval = pollInterval;
    }

    /// <summary>Completes when the next version is loaded (a new task after each change).</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>The last problem reading the source, shown on the page while it lasts.</summary>
    public string? LastError { get; private set; }

    public void Start() => _poller ??= Task.Run(() => PollAsync(_stop.Token));

    /// <summary>The view of the latest results, loading them first if the version moved on.</summary>
    public async Task<DashboardView> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var view = Volatile.Read(ref _view);
        if (view is not null)
            return view;
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _view)!;
    }

    /// <summary>Rereads the results if their version changed; true when it did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = await _source.VersionAsync(cancellationToken).ConfigureAwait(false);
            if (_view is not null && _view.Version == version)
                return false;
            var data = await _source.LoadAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _view, new DashboardView(data, version));
            LastError = null;
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LastError = e.Message;
            if (_view is null)
                throw;
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_pollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Already kept in LastError; the next tick tries again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_poller is not null)
        {
            try { await _poller.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        _stop.Dispose();
        _gate.Dispose();
    }
}
