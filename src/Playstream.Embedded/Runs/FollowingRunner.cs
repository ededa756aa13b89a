using System.Diagnostics;
using System.Globalization;
using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>
/// <c>playstream run --follow</c>: reads the event files to their end, then keeps reading what
/// is appended to them (a live generator, a log being written), and every
/// <see cref="EmbeddedRunOptions"/>-given interval writes the results so far to the store, so
/// the dashboard shows them while they grow. Only whole lines are read: a line still being
/// written waits for its newline. Stops, writing the final results, when cancelled.
/// </summary>
public static class FollowingRunner
{
    public static async Task<EmbeddedRunReport> RunAsync(
        EmbeddedRunOptions options, TimeSpan writeEvery, Action<long>? onWrite = null, CancellationToken cancellationToken = default)
    {
        options.Settings.Validate();
        if (options.EventFiles.Count == 0)
            throw new FileNotFoundException("no events file given (--events FILE...)");
        var total = Stopwatch.StartNew();
        var problems = new List<string>();
        var lookups = EmbeddedRunner.LoadLookups(options, problems);
        using var store = EmbeddedStore.CreateFresh(options.StorePath, out var replaced);
        store.WriteLookups(lookups);
        var analytics = new PartitionAnalytics(options.Settings);
        var tails = options.EventFiles.Select(f => new FileTail(f)).ToList();
        long lines = 0, blank = 0, bytes = 0, written = -1;
        var writer = store.OpenWriter(options.StorePlays);
        var batch = writer.Pool.Rent();
        try
        {
            while (true)
            {
                foreach (var tail in tails)
                {
                    batch.Source = tail.Path;
                    bytes += tail.ReadNewLines((line, lineNumber) =>
                    {
                        lines++;
                        if (EventParser.TryParse(line, out var play, out var zip, out var reason))
                        {
                            analytics.Add(play, line[zip], lookups);
                            if (options.StorePlays)
                            {
                                batch.Add(play, line[zip], lineNumber);
                                if (batch.IsFull) { writer.Write(batch); batch = writer.Pool.Rent(); batch.Source = tail.Path; }
                            }
                        }
                        else if (EventParser.IsBlank(line))
                        {
                            blank++;
                        }
                        else
                        {
                            analytics.CountDeadLetter(reason);
                            writer.Write(new DeadLetter(reason, new SourcePosition(tail.Path, lineNumber), Encoding.UTF8.GetString(line.TrimEnd((byte)'\r')), EventParser.Describe(reason)));
                        }
                    });
                }
                var done = cancellationToken.IsCancellationRequested;
                if (lines != written || done)
                {
                    if (batch.Count > 0) { writer.Write(batch); batch = writer.Pool.Rent(); }
                    await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    var meta = Meta(options, analytics.Events, writer.PlaysWritten, total.Elapsed);
                    if (done)
                        break;
                    store.WriteProgress(analytics.ComputeResults(), analytics.ComputeBreakdowns(), meta);
                    written = lines;
                    onWrite?.Invoke(analytics.Events);
                }
                try { await Task.Delay(writeEvery, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        }
        finally
        {
            writer.Pool.Return(batch);
            await writer.DisposeAsync().ConfigureAwait(false);
            foreach (var tail in tails) tail.Dispose();
        }
        var results = analytics.ComputeResults();
        store.WriteResults(results, analytics.ComputeBreakdowns(), Meta(options, analytics.Events, writer.PlaysWritten, total.Elapsed));
        return new EmbeddedRunReport(results, options.Settings, bytes, lines, blank, writer.PlaysWritten,
            lookups.Customers.Count, lookups.Tracks.Count, problems, replaced, store.Path, null,
            TimeSpan.Zero, total.Elapsed, TimeSpan.Zero, total.Elapsed);
    }

    private static Dictionary<string, string> Meta(EmbeddedRunOptions options, long events, long playsStored, TimeSpan elapsed) => new()
    {
        ["events"] = events.ToString(CultureInfo.InvariantCulture),
        ["inputs"] = string.Join(';', options.EventFiles.Select(Path.GetFullPath)),
        ["plays_stored"] = playsStored.ToString(CultureInfo.InvariantCulture),
        ["elapsed_seconds"] = elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
        ["follow"] = "true",
    };
}
