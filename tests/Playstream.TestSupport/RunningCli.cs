using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Playstream.TestSupport;

/// <summary>
/// A running <c>playstream</c> whose output lines are collected as they come, and the signals a
/// service manager or a crash sends it: kill -9, SIGTERM, SIGSTOP and SIGCONT.
/// </summary>
public sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public RunningCli(string folder, params string[] arguments)
    {
        _process = CliProcess.Start(folder, arguments);
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static TimeSpan Patience { get; } = TimeSpan.FromMinutes(2);

    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for a line that matches; throws with the output so far when none comes within <paramref name="limit"/>.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Patience);
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.FirstOrDefault(match) is { } line)
                return line;
            if (_process.HasExited)
                break;
            Thread.Sleep(20);
        }
        throw new TimeoutException("no such line; the output was:\n" + Output);
    }

    public string WaitForLine(string text, TimeSpan? limit = null) =>
        WaitForLine(l => l.Contains(text, StringComparison.Ordinal), limit);

    /// <summary>How many lines so far contain <paramref name="text"/>.</summary>
    public int Count(string text) => _lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>kill -9: no last write, no last checkpoint.</summary>
    public void Crash()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops it; returns how long it took to exit.</summary>
    public TimeSpan Terminate(TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        Signal("TERM");
        if (!_process.WaitForExit(limit ?? Patience))
            throw new TimeoutException($"did not stop on SIGTERM within {(limit ?? Patience).TotalSeconds:0} s; the output was:\n" + Output);
        var took = watch.Elapsed;
        _process.WaitForExit(); // the output read to its end
        return took;
    }

    /// <summary>SIGSTOP: frozen, as a long pause or a stalled disk would leave it.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    public int WaitForExit(TimeSpan? limit = null)
    {
        if (!_process.WaitForExit(limit ?? Patience))
            throw new TimeoutException($"did not finish within {(limit ?? Patience).TotalSeconds:0} s; the output was:\n" + Output);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.Dispose();
    }
}
