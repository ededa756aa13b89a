using System.Globalization;
using Microsoft.Data.Sqlite;
using Playstream.Embedded.Store;

namespace Playstream.Dashboard.Sources;

/// <summary>
/// Reads an embedded store. Each read opens the file afresh, because a new run replaces the
/// file (a connection kept open would go on reading the old, deleted one).
/// </summary>
public sealed class EmbeddedStoreSource(string storePath) : IDashboardSource
{
    public const string NoStoreHint = "no results yet: run `playstream demo`, or `playstream run --events FILE` (add --follow to keep reading a growing file)";
    public const string NoPlaysHint = "no plays yet: the run has started; plays will show up as its results are written";

    public string StorePath { get; } = Path.GetFullPath(storePath);

    /// <summary>The store as the page names it (see <see cref="PathShown"/>).</summary>
    public string ShownPath { get; } = PathShown(Path.GetFullPath(storePath), Directory.GetCurrentDirectory());

    /// <summary>
    /// Relative to the folder the dashboard was started in when the store is inside it, else in
    /// full: the page, which may be seen from other machines, names no more of this one's folders
    /// than the user did.
    /// </summary>
    public static string PathShown(string fullPath, string currentFolder)
    {
        var relative = Path.GetRelativePath(currentFolder, fullPath);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? fullPath
            : relative;
    }

    public Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(StorePath))
            return Task.FromResult("missing");
        try
        {
            using var reader = new StoreReader(StorePath);
            var info = reader.RunInfo();
            var started = info.Meta.GetValueOrDefault("started_at", "");
            return Task.FromResult($"{started}|{reader.ResultsVersion()}|{info.State}");
        }
        catch (SqliteException e)
        {
            // A run that is creating the file right now: try again at the next poll.
            return Task.FromResult($"unreadable:{e.SqliteErrorCode}");
        }
    }

    public Task<DashboardData> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(StorePath))
            return Task.FromResult(DashboardData.Empty(Status("missing", null, NoStoreHint)));
        using var reader = new StoreReader(StorePath);
        using (reader.ConsistentRead())
        {
            var info = reader.RunInfo();
            var results = reader.ReadResults();
            var breakdowns = reader.ReadBreakdowns();
            var lookups = reader.ReadLookups();
            var hint = results.Summary.Events == 0 ? NoPlaysHint : null;
            return Task.FromResult(new DashboardData(Status(info.State, info, hint), results, breakdowns, lookups));
        }
    }

    private SourceStatus Status(string state, StoreRunInfo? info, string? hint)
    {
        var meta = info?.Meta ?? new Dictionary<string, string>();
        return new SourceStatus("embedded", ShownPath, state, info?.StartedAt, info?.FinishedAt,
            Time(meta.GetValueOrDefault("results_at")),
            double.TryParse(meta.GetValueOrDefault("elapsed_seconds"), CultureInfo.InvariantCulture, out var s) ? s : null,
            hint);
    }

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
