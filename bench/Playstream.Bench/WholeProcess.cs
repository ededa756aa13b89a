using System.Diagnostics;
using System.Reflection;

namespace Playstream.Bench;

/// <summary>Runs a command as a separate process and times it from start to exit, start-up included.</summary>
internal static class WholeProcess
{
    public sealed record Outcome(double Seconds, string Output);

    /// <summary>
    /// The <c>playstream</c> command running this harness (this build): the program's entry assembly,
    /// since the harness is a library that the command calls into.
    /// </summary>
    private static string Command =>
        Assembly.GetEntryAssembly()?.Location is { Length: > 0 } location ? location
            : throw new InvalidOperationException("the benchmarks run from the playstream command, which starts itself as child processes");

    /// <summary>Runs <c>playstream</c> itself (this build) with the arguments; fails when it fails.</summary>
    public static Outcome Playstream(IEnumerable<string> arguments) =>
        Run("dotnet", [Command, .. arguments]);

    /// <summary>Starts <c>playstream</c> itself (this build) in the background, for benchmarks that run several at once or stop them.</summary>
    public static Child Start(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Command, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        return new Child(Process.Start(start) ?? throw new InvalidOperationException("could not start playstream"));
    }

    /// <summary>A command running in the background; its last lines of stderr are kept to say why it failed.</summary>
    public sealed class Child : IDisposable
    {
        private readonly Queue<string> _errors = new();

        public Child(Process process)
        {
            Process = process;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    return;
                lock (_errors)
                {
                    _errors.Enqueue(e.Data);
                    if (_errors.Count > 8)
                        _errors.Dequeue();
                    Line?.Invoke(e.Data);
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public Process Process { get; }

        /// <summary>Hears each line of stderr as it comes.</summary>
        public Action<string>? Line { get; set; }

        public string LastErrors
        {
            get
            {
                lock (_errors)
                    return string.Join(" | ", _errors);
            }
        }

        /// <summary>Waits for the exit; a failure or a run past <paramref name="limit"/> is an error.</summary>
        public void WaitForExit(TimeSpan limit)
        {
            if (!Process.WaitForExit(limit))
                throw new TimeoutException($"playstream did not finish within {limit.TotalMinutes:0} minutes: {LastErrors}");
            Process.WaitForExit();
            if (Process.ExitCode != 0)
                throw new InvalidOperationException($"playstream failed (exit {Process.ExitCode}): {LastErrors}");
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
            Process.Dispose();
        }
    }

    public static Outcome Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the benchmarked command failed ({process.ExitCode}): {errors.Result}{output.Result}");
        return new Outcome(watch.Elapsed.TotalSeconds, output.Result);
    }
}
