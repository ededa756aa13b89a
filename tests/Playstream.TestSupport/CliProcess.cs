using System.Diagnostics;

namespace Playstream.TestSupport;

/// <summary>Runs the built <c>playstream</c> command as a separate process, as a user would.</summary>
public static class CliProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    private static readonly Dictionary<string, string?> NoChanges = [];

    public static Outcome Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, NoChanges, arguments);

    /// <param name="environment">Variables to set for the command; a null value removes one the tests have.</param>
    public static Outcome Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"playstream {string.Join(' ', arguments)} did not finish in 5 minutes");
        }
        return new Outcome(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Waits for a command <see cref="Start(string, string[])"/> started to end, at most <paramref name="limit"/>, and returns what it printed.</summary>
    public static async Task<Outcome> FinishAsync(Process process, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the command and returns at once, its output redirected, for tests that stop or kill it.</summary>
    public static Process Start(string workingDirectory, params string[] arguments) => Start(workingDirectory, NoChanges, arguments);

    /// <param name="environment">Variables to set for the command; a null value removes one the tests have.</param>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Playstream.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["PLAYSTREAM_HOME"] = Path.Combine(workingDirectory, ".playstream");
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return Process.Start(start)!;
    }
}
