namespace Playstream.Core.Engine;

/// <summary>
/// Window sizes, slides, the top-N size and the interest rule. Defaults are the contract's.
/// </summary>
public sealed record AnalyticsSettings
{
    public int ActivityWindowSeconds { get; init; } = 30 * 60;
    public int ActivitySlideSeconds { get; init; } = 5 * 60;
    public int TopTracksWindowSeconds { get; init; } = 30 * 60 * 60;
    public int TopTracksSlideSeconds { get; init; } = 60 * 60;
    public int TopN { get; init; } = 10;
    public int InterestPlays { get; init; } = 3;
    public int InterestWithinSeconds { get; init; } = 30 * 60;

    public static AnalyticsSettings Default { get; } = new();

    /// <summary>One line per problem, naming the setting; empty when all is well.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        CheckWindow(problems, "activity", ActivityWindowSeconds, ActivitySlideSeconds);
        CheckWindow(problems, "top-tracks", TopTracksWindowSeconds, TopTracksSlideSeconds);
        if (TopN < 1)
            problems.Add($"top-n: must be at least 1 (got {TopN})");
        if (InterestPlays < 1)
            problems.Add($"interest-plays: must be at least 1 (got {InterestPlays})");
        if (InterestWithinSeconds < 0)
            problems.Add($"interest-within: must not be negative (got {InterestWithinSeconds}s)");
        return problems;
    }

    /// <summary>Throws a <see cref="SettingsException"/> with the first problem.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
            throw new SettingsException(problems[0]);
    }

    private static void CheckWindow(List<string> problems, string name, int window, int slide)
    {
        if (slide <= 0)
            problems.Add($"{name}-slide: must be a positive number of seconds (got {slide})");
        else if (window <= 0 || window % slide != 0)
            problems.Add($"{name}-window: must be a positive multiple of {name}-slide ({slide}s), got {window}s");
    }
}
