using System.Globalization;
using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>
/// Where a followed run starts: from its checkpoint (the state restored, the store kept, each
/// file read on from where it was), or afresh (a new store, every file from its beginning).
/// A checkpoint for other event files or other analytics settings stops the run with a line
/// saying so, rather than throwing away a state that may have taken long to build: the user
/// says <c>--fresh</c> to start over.
/// </summary>
internal sealed class FollowStart : IDisposable
{
    private FollowStart(EmbeddedStore store, PartitionAnalytics analytics, IReadOnlyList<FollowedEventFile> files)
    {
        Store = store;
        Analytics = analytics;
        Files = files;
    }

    public EmbeddedStore Store { get; }
    public PartitionAnalytics Analytics { get; }
    public IReadOnlyList<FollowedEventFile> Files { get; }

    /// <summary>The earlier run whose results a fresh start replaced (null when resumed or there was none).</summary>
    public StoreRunInfo? Replaced { get; private init; }

    /// <summary>The checkpoint the run resumed from; null for a fresh start.</summary>
    public FollowCheckpoint? ResumedFrom { get; private init; }

    public static async Task<FollowStart> OpenAsync(EmbeddedRunOptions options, FollowOptions follow, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        if (!follow.Fresh && await LoadAsync(checkpoints, cancellationToken).ConfigureAwait(false) is { } checkpoint
            && TryResume(options, follow, checkpoint) is { } resumed)
            return resumed;
        var store = EmbeddedStore.CreateFresh(options.StorePath, out var replaced);
        return new FollowStart(store, new PartitionAnalytics(options.Settings), options.EventFiles.Select(FollowedEventFile.FromStart).ToList())
        {
            Replaced = replaced,
        };
    }

    private static async Task<FollowCheckpoint?> LoadAsync(ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await checkpoints.LoadAsync(FollowCheckpoint.Scope, FollowCheckpoint.Source, cancellationToken).ConfigureAwait(false);
            return saved is null ? null : FollowCheckpoint.From(saved);
        }
        catch (InvalidDataException e)
        {
            throw new SettingsException($"{e.Message}; run with --fresh to start over");
        }
    }

    private static FollowStart? TryResume(EmbeddedRunOptions options, FollowOptions follow, FollowCheckpoint checkpoint)
    {
        var given = options.EventFiles.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        if (!given.SetEquals(checkpoint.Files.Select(f => f.Path)))
            throw new SettingsException(
                $"--events: the checkpoint of {options.StorePath} follows {string.Join(", ", checkpoint.Files.Select(f => f.Path))}; " +
                "give the same files to resume, or --fresh to start over");
        PartitionAnalytics analytics;
        try
        {
            analytics = checkpoint.RestoreAnalytics(options.Settings);
        }
        catch (SettingsException e)
        {
            throw new SettingsException($"{e.Message} (the checkpoint of {options.StorePath}); give the same settings to resume, or --fresh to start over");
        }
        catch (InvalidDataException e)
        {
            throw new SettingsException($"the checkpoint of {options.StorePath} cannot be restored ({e.Message}); run with --fresh to start over");
        }

        var store = EmbeddedStore.OpenToResume(options.StorePath);
        if (store is null || store.RunId != checkpoint.StoreRunId)
        {
            store?.Dispose();
            follow.Report?.Invoke($"the checkpoint beside {options.StorePath} has no store of its own to resume: starting afresh");
            return null;
        }
        var files = new List<FollowedEventFile>();
        try
        {
            // Rows written after the checkpoint come from lines read again now: dropped, not doubled.
            var dropped = store.TrimAfter(checkpoint.StoreRows);
            var restarts = new List<string>();
            foreach (var path in options.EventFiles)
            {
                var saved = checkpoint.Files.First(f => f.Path == Path.GetFullPath(path));
                var (file, restart) = FollowedEventFile.Resume(path, saved);
                files.Add(file);
                if (restart is not null)
                    restarts.Add(restart);
            }
            follow.Report?.Invoke(Describe(checkpoint, analytics, files, dropped));
            foreach (var restart in restarts)
                follow.Report?.Invoke(restart);
            return new FollowStart(store, analytics, files) { ResumedFrom = checkpoint };
        }
        catch
        {
            files.ForEach(f => f.Dispose());
            store.Dispose();
            throw;
        }
    }

    /// <summary>One line: resumed, from when, with how much, and from which line of each file.</summary>
    private static string Describe(FollowCheckpoint checkpoint, PartitionAnalytics analytics, List<FollowedEventFile> files, StoreRowCounts dropped)
    {
        var from = string.Join(", ", files.Select(t =>
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(t.Path)} from line {t.Line + 1:N0} (byte {t.Offset:N0})")));
        var again = dropped.Plays + dropped.DeadLetters > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {dropped.Plays:N0} plays and {dropped.DeadLetters:N0} dead letters stored after it are read again")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"resumed from the checkpoint of {checkpoint.TakenAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({analytics.Events:N0} plays): {from}{again}");
    }

    public void Dispose()
    {
        foreach (var file in Files)
            file.Dispose();
        Store.Dispose();
    }
}
