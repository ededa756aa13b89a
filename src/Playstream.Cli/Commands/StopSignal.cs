using System.Runtime.InteropServices;

namespace Playstream.Cli.Commands;

/// <summary>
/// How every long-running verb hears that it should stop, the one way: the first Ctrl-C or
/// SIGTERM cancels <see cref="Token"/>, and the verb ends as at its natural end (its last flush,
/// checkpoint or summary, and its own exit code: 0 after a clean stop). A second signal is left
/// to the runtime, which ends the process at once, as a crash would (and loses no more than one).
/// </summary>
/// <remarks>
/// Not Microsoft.Extensions.Hosting's lifetime: a verb is a function that runs to its end and
/// returns its exit code. A host would make each verb a hosted service and bring a container,
/// configuration and logging that none uses, its exit code would have to be carried around the
/// host, and its console lifetime takes every Ctrl-C as the first, so the forced second stop
/// would still be this class's rule. A token cancelled at the first signal is all a stop needs.
/// </remarks>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    private StopSignal(PosixSignal[] signals)
    {
        _registrations = [.. signals.Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];
    }

    /// <summary>Listens for Ctrl-C (SIGINT) and SIGTERM, as a terminal, a service manager or <c>kill</c> sends them, until disposed.</summary>
    public static StopSignal Listen() => new([PosixSignal.SIGINT, PosixSignal.SIGTERM]);

    /// <summary>One that hears no signal: only <see cref="Take"/> asks it to stop (for tests).</summary>
    internal static StopSignal Deaf() => new([]);

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Whether a stop was asked for.</summary>
    public bool Requested => _stop.IsCancellationRequested;

    /// <summary>
    /// A signal came. The first asks for a graceful stop and is taken (true: the runtime leaves
    /// the process running); any later one is not (false: the runtime ends the process).
    /// </summary>
    internal bool Take()
    {
        if (Interlocked.Increment(ref _signals) > 1)
            return false;
        _stop.Cancel();
        return true;
    }

    // Only ever set, never cleared: another listener in the process may have taken the signal too.
    private void OnSignal(PosixSignalContext context)
    {
        if (Take())
            context.Cancel = true;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _stop.Dispose();
    }
}
