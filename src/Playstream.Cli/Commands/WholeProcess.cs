using System.Diagnostics;

namespace Playstream.Cli.Commands;

/// <summary>Runs a command as a separate process and times it from start to exit, start-up included.</summary>
internal static class WholeProcess
{
    public sealed record Outcome(double Seconds, string Output);

    /// <summary>Runs <c>playstream</c> itself (this build) with the arguments; fails when it fails.</summary>
    public static Outcome Playstream(IEnumerable<string> arguments) =>
        Run("dotnet", [typeof(WholeProcess).Assembly.Location, .. arguments]);

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
