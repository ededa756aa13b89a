namespace Playstream.Core.Export;

/// <summary>The file names of a results export, one per analytic.</summary>
public static class ExportFiles
{
    public const string Activity = "activity.jsonl";
    public const string TopTracks = "top_tracks.jsonl";
    public const string Profiles = "profiles.jsonl";
    public const string ProfileSummary = "profile_summary.json";
    public const string UniqueTracks = "unique_tracks.jsonl";
    public const string Interests = "interests.jsonl";
    public const string Summary = "summary.json";
}
