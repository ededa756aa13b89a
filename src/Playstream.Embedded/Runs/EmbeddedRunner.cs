using System.Diagnostics;
using System.Globalization;
using Playstream.Core.Export;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>
/// The embedded pipeline end to end: load the lookups, read every event file, store plays and
/// dead letters, compute the analytics, write the results to the store and the export.
/// </summary>
public static class EmbeddedRunner
{
    public static async Task<EmbeddedRunReport> RunAsync(EmbeddedRunOptions options, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options.Settings.Validate();
        if (options.EventFiles.Count == 0)
            throw new FileNotFoundException("no events file given (--events FILE...)");
        var total = Stopwatch.StartNew();

        var problems = new List<string>();
        var lookups = LoadLookups(options, problems);
        var loadTime = total.Elapsed;

        using var store = EmbeddedStore.CreateFresh(options.StorePath, out var replaced);
        store.WriteLookups(lookups);
        var totalBytes = options.EventFiles.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0);

        var readWatch = Stopwatch.StartNew();
        FileRunResult read;
        long playsStored;
        var writer = store.OpenWriter(options.StorePlays);
        try
        {
            var bytes = progress is null ? null : new Progress<long>(b => progress.Report(new RunProgress(b, totalBytes)));
            read = await Task.Run(() => FilePipeline.Run(
                options.EventFiles, lookups, options.Settings, options.Parallelism,
                options.StorePlays ? writer : null, writer.Pool, writer, bytes, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        playsStored = writer.PlaysWritten;
        var readTime = readWatch.Elapsed;

        var resultsWatch = Stopwatch.StartNew();
        // The breakdowns are quick to compute and the most rows to store: the store takes them while
        // the contract's results are computed, and the export is written while it takes those.
        var breakdowns = read.Analytics.ComputeBreakdowns();
        var computing = Task.Run(read.Analytics.ComputeResults, cancellationToken);
        try
        {
            store.WriteBreakdowns(breakdowns);
        }
        finally
        {
            // Never left running, even when the store failed.
            await computing.ConfigureAwait(false);
        }
        var results = await computing.ConfigureAwait(false);
        var export = options.ExportDirectory is { } directory
            ? Task.Run(() => ResultsExporter.Write(results, directory), cancellationToken)
            : Task.CompletedTask;
        try
        {
            store.WriteFinalResults(results, new Dictionary<string, string>
            {
                ["events"] = results.Summary.Events.ToString(CultureInfo.InvariantCulture),
                ["inputs"] = string.Join(';', options.EventFiles.Select(Path.GetFullPath)),
                ["customers_file"] = options.CustomersFile is null ? "" : Path.GetFullPath(options.CustomersFile),
                ["tracks_file"] = options.TracksFile is null ? "" : Path.GetFullPath(options.TracksFile),
                ["plays_stored"] = playsStored.ToString(CultureInfo.InvariantCulture),
                ["elapsed_seconds"] = total.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
            });
        }
        finally
        {
            // An export that failed is reported even when the store failed too; never left running.
            await export.ConfigureAwait(false);
        }
        var resultsTime = resultsWatch.Elapsed;

        return new EmbeddedRunReport(results, options.Settings, read.Bytes, read.Lines, read.BlankLines, playsStored,
            lookups.Customers.Count, lookups.Tracks.Count, problems, replaced, store.Path, options.ExportDirectory,
            loadTime, readTime, resultsTime, total.Elapsed);
    }

    internal static LookupTables LoadLookups(EmbeddedRunOptions options, List<string> problems)
    {
        var lookups = LookupTables.Empty();
        if (options.CustomersFile is not null)
        {
            var customers = CustomerReader.Read(options.CustomersFile);
            lookups.Customers = customers.Table;
            problems.AddRange(customers.Problems.Select(p => $"{options.CustomersFile} {p}"));
        }
        if (options.TracksFile is not null)
        {
            var tracks = TrackReader.Read(options.TracksFile);
            lookups.Tracks = tracks.Table;
            problems.AddRange(tracks.Problems.Select(p => $"{options.TracksFile} {p}"));
        }
        return lookups;
    }
}
