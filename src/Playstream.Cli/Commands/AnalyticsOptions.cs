using System.CommandLine;
using Playstream.Core.Engine;

namespace Playstream.Cli.Commands;

/// <summary>The analytics settings as command-line options, shared by every verb that runs the engine.</summary>
internal sealed class AnalyticsOptions
{
    private readonly Option<string> _activityWindow = Duration("--activity-window", AnalyticsSettings.Default.ActivityWindowSeconds, "Activity window size");
    private readonly Option<string> _activitySlide = Duration("--activity-slide", AnalyticsSettings.Default.ActivitySlideSeconds, "Activity window slide");
    private readonly Option<string> _topWindow = Duration("--top-tracks-window", AnalyticsSettings.Default.TopTracksWindowSeconds, "Top-tracks window size");
    private readonly Option<string> _topSlide = Duration("--top-tracks-slide", AnalyticsSettings.Default.TopTracksSlideSeconds, "Top-tracks window slide");
    private readonly Option<int> _topN = new("--top-n") { Description = "How many tracks a top list holds", DefaultValueFactory = _ => AnalyticsSettings.Default.TopN };
    private readonly Option<int> _interestPlays = new("--interest-plays") { Description = "Plays of one track that make an interest", DefaultValueFactory = _ => AnalyticsSettings.Default.InterestPlays };
    private readonly Option<string> _interestWithin = Duration("--interest-within", AnalyticsSettings.Default.InterestWithinSeconds, "Time those plays must fall within");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _activityWindow, _activitySlide, _topWindow, _topSlide, _topN, _interestPlays, _interestWithin })
            command.Options.Add(option);
    }

    /// <summary>The settings, validated; a bad one throws a <see cref="SettingsException"/> naming it.</summary>
    public AnalyticsSettings Read(ParseResult result)
    {
        var settings = new AnalyticsSettings
        {
            ActivityWindowSeconds = Seconds(result, _activityWindow),
            ActivitySlideSeconds = Seconds(result, _activitySlide),
            TopTracksWindowSeconds = Seconds(result, _topWindow),
            TopTracksSlideSeconds = Seconds(result, _topSlide),
            TopN = result.GetValue(_topN),
            InterestPlays = result.GetValue(_interestPlays),
            InterestWithinSeconds = Seconds(result, _interestWithin),
        };
        settings.Validate();
        return settings;
    }

    private static int Seconds(ParseResult result, Option<string> option)
    {
        var text = result.GetValue(option) ?? "";
        return DurationParser.TryParseSeconds(text, out var seconds)
            ? seconds
            : throw new SettingsException($"{option.Name}: '{text}' is not a duration (examples: 90s, 30m, 1h, 2d)");
    }

    private static Option<string> Duration(string name, int defaultSeconds, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => DurationParser.Format(defaultSeconds),
    };
}
