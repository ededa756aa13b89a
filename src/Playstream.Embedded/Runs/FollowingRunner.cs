using System.Diagnostics;
using System.Globalization;
using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Core.Export;
using Playstream.Core.Results;
using Playstream.Embedded.Checkpoints;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>
/// <c>playstream run --follow</c>: reads the event files to their end, then keeps reading what
/// is appended to them (a live generator, a log being written), and every
/// <see cref="FollowOptions.WriteEvery"/> writes the results so far to the store, so the
/// dashboard shows them while they grow. Only whole lines are read: a line still being written
/// waits for its newline. Stops, writing the final results, when cancelled.
/// </summary>
/// <remarks>
/// Every results write, and the stop, is followed by a checkpoint taken between two lines: the
/// state, each file's position and the store's row counts together (<see cref="FollowCheckpoint"/>).
/// The next run over the same files resumes from it (<see cref="FollowStart"/>). With an allowed
/// lateness, late plays are dead letters and the state before the final horizon is evicted after
/// each write, before the checkpoint: the store keeps the final windows' rows.
/// </remarks>
public static class FollowingRunner
{
    public static Task<EmbeddedRunReport> RunAsync(
        EmbeddedRunOptions options, TimeSpan writeEvery, Action<long>? onWrite = null, CancellationToken cancellationToken = default) =>
        RunAsync(options, new FollowOptions { WriteEvery = writeEvery, OnWrite = onWrite }, cancellationToken);

    public static async Task<EmbeddedRunReport> RunAsync(EmbeddedRunOptions options, FollowOptions follow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(follow);
        options.Settings.Validate();
        if (options.EventFiles.Count == 0)
            throw new FileNotFoundException("no events file given (--events FILE...)");
        if (follow.AllowedLateness is { } lateness && lateness < TimeSpan.Zero)
            throw new SettingsException("--allowed-lateness: must not be negative");
        var total = Stopwatch.StartNew();
        var problems = new List<string>();
        var lookups = EmbeddedRunner.LoadLookups(options, problems);
        var checkpoints = follow.Checkpoints ?? new FileCheckpointStore(FileCheckpointStore.FolderBeside(options.StorePath));
        using var start = await FollowStart.OpenAsync(options, follow, checkpoints, CancellationToken.None).ConfigureAwait(false);
        var store = start.Store;
        store.MakeDurable();
        store.WriteLookups(lookups);
        var run = new FollowSession(options, start, lookups, new LatenessRule(follow.AllowedLateness), follow.Report);

        var writer = store.OpenWriter(options.StorePlays);
        run.Open(writer);
        long written = -1;
        try
        {
            while (true)
            {
                run.ReadNewLines();
                var done = cancellationToken.IsCancellationRequested;
                if (done)
                    break;
                if (run.Lines != written)
                {
                    await run.FlushAsync().ConfigureAwait(false);
                    WriteResults(run, total.Elapsed, final: false);
                    await CheckpointAsync(run, checkpoints).ConfigureAwait(false);
                    written = run.Lines;
                    follow.OnWrite?.Invoke(run.Analytics.Events);
                }
                try { await Task.Delay(follow.WriteEvery, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
            await run.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            run.Close();
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        WriteResults(run, total.Elapsed, final: true);
        await CheckpointAsync(run, checkpoints).ConfigureAwait(false);

        // The store holds every window, the final ones the state no longer has included.
        AnalyticsResults stored;
        long playsStored;
        using (var reader = new StoreReader(store.Path))
        {
            stored = reader.ReadResults();
            playsStored = reader.CountPlays();
        }
        if (options.ExportDirectory is not null)
            ResultsExporter.Write(stored, options.ExportDirectory);
        return new EmbeddedRunReport(stored, options.Settings, run.Bytes, run.Lines, run.BlankLines, playsStored,
            lookups.Customers.Count, lookups.Tracks.Count, problems, start.Replaced, store.Path, options.ExportDirectory,
            TimeSpan.Zero, total.Elapsed, TimeSpan.Zero, total.Elapsed);
    }

    /// <summary>
    /// Writes the results so far (keeping the rows of windows the state made final earlier), then,
    /// with an allowed lateness, evicts what the windows these results made final needed.
    /// </summary>
    private static void WriteResults(FollowSession run, TimeSpan elapsed, bool final)
    {
        var analytics = run.Analytics;
        var store = run.Store;
        var kept = FinalRowCutoffs.Of(analytics);
        var meta = new Dictionary<string, string>
        {
            ["events"] = analytics.Events.ToString(CultureInfo.InvariantCulture),
            ["inputs"] = string.Join(';', run.Options.EventFiles.Select(Path.GetFullPath)),
            ["plays_stored"] = store.RowCounts().Plays.ToString(CultureInfo.InvariantCulture),
            ["elapsed_seconds"] = elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
            ["follow"] = "true",
            ["final_until"] = kept is { } k ? IsoTime.Format(k.WindowsEndingBy) : "",
        };
        if (final)
            store.WriteResults(analytics.ComputeResults(), analytics.ComputeBreakdowns(), meta, kept);
        else
            store.WriteProgress(analytics.ComputeResults(), analytics.ComputeBreakdowns(), meta, kept);
        if (run.Lateness.FinalAfterWrite(analytics) is { } horizon)
            analytics.EvictBefore(horizon);
    }

    /// <summary>The state, the files' positions and the store's rows, all as they are now (between two lines).</summary>
    private static Task CheckpointAsync(FollowSession run, ICheckpointStore checkpoints)
    {
        var now = DateTimeOffset.UtcNow;
        var checkpoint = new FollowCheckpoint(run.Store.RunId, now, run.Store.RowCounts(), run.Positions(now));
        return checkpoints.SaveAsync(FollowCheckpoint.Scope, checkpoint.ToPartitionCheckpoint(run.Analytics), CancellationToken.None);
    }
}
