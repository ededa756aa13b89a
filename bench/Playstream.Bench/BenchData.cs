using System.Globalization;
using Playstream.Core.Generation;
using Playstream.Settings;
using Spectre.Console;

namespace Playstream.Bench;

/// <summary>The generated data a benchmark runs on, made once per size and kept under the playstream home.</summary>
internal static class BenchData
{
    public sealed record Files(string Events, string Customers, string Tracks);

    public static Files Ensure(long plays) => Ensure(new GeneratorOptions { Events = plays });

    /// <summary>The files for these options, generated the first time (the folder is named after the options).</summary>
    public static Files Ensure(GeneratorOptions options)
    {
        var name = options.Events.ToString(CultureInfo.InvariantCulture);
        if (options.Days != new GeneratorOptions().Days)
            name += $"-{options.Days}d";
        if (options.Shuffle || options.BadLines > 0 || options.UnknownIds > 0)
            name += string.Create(CultureInfo.InvariantCulture, $"-{(options.Shuffle ? "shuffled" : "ordered")}-bad{options.BadLines}-unknown{options.UnknownIds}");
        var data = Path.Combine(PlaystreamHome.Directory, "bench-data", name);
        var events = Path.Combine(data, DataGenerator.EventFileName);
        if (!File.Exists(events))
        {
            AnsiConsole.MarkupLine($"generating {options.Events:N0} plays for the benchmark (once)...");
            new DataGenerator(options).Generate(data);
        }
        return new Files(events, Path.Combine(data, DataGenerator.CustomerFileName), Path.Combine(data, DataGenerator.TrackFileName));
    }
}
