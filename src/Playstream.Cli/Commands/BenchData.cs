using System.Globalization;
using Playstream.Core.Generation;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>The generated data a benchmark runs on, made once per size and kept under the playstream home.</summary>
internal static class BenchData
{
    public sealed record Files(string Events, string Customers, string Tracks);

    public static Files Ensure(long plays)
    {
        var data = Path.Combine(PlaystreamHome.Directory, "bench-data", plays.ToString(CultureInfo.InvariantCulture));
        var events = Path.Combine(data, DataGenerator.EventFileName);
        if (!File.Exists(events))
        {
            AnsiConsole.MarkupLine($"generating {plays:N0} plays for the benchmark (once)...");
            var options = new GeneratorOptions { Events = plays };
            GenerateCommand.Validate(options);
            GenerateCommand.Generate(options, data);
        }
        return new Files(events, Path.Combine(data, DataGenerator.CustomerFileName), Path.Combine(data, DataGenerator.TrackFileName));
    }
}
