using System.Globalization;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Redis;
using Spectre.Console;
using StackExchange.Redis;

namespace Playstream.Cli.Commands;

/// <summary>Runs <c>playstream load</c>: read the file, wait (bounded) for Redis, load, and with --watch repeat on every change.</summary>
internal static class LoadRunner
{
    private const int ShownProblems = 5;

    public static int Run(LoadRequest request)
    {
        if (request.Kind == LoadKind.Tracks && request.Layout == RedisLookupLayout.Original)
            throw new SettingsException("--layout original: the original loader wrote customers only; tracks always use the playstream layout");
        if (!File.Exists(request.File))
            throw new FileNotFoundException($"{KindName(request.Kind)} file '{request.File}' does not exist", request.File);

        using var stop = StopSignal.Listen();
        return RunAsync(request, stop.Token).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(LoadRequest request, CancellationToken cancel)
    {
        // The watcher starts before the first read, so a change made while it loads is not missed.
        using var watcher = request.Watch ? new LoadFileWatcher(request.File) : null;
        using var redis = await RedisConnection.ConnectAsync(request.Redis).ConfigureAwait(false);
        if (!await WaitForRedisAsync(redis, request, cancel).ConfigureAwait(false))
            return CliErrors.Failed;

        var loader = new RedisLookupLoader(redis, request.Redis.Keys);
        if (!await LoadOnceAsync(loader, request, cancel).ConfigureAwait(false) && watcher is null)
            return CliErrors.Failed;
        if (watcher is null)
            return 0;

        AnsiConsole.MarkupLine($"watching [blue]{Markup.Escape(Path.GetFullPath(request.File))}[/] for changes; Ctrl-C stops");
        while (true)
        {
            try
            {
                await watcher.WaitForChangeAsync(cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("stopped watching");
                return 0;
            }
            // A failed reload (the file half-written, Redis away) is reported; the next change retries.
            await LoadOnceAsync(loader, request, cancel).ConfigureAwait(false);
        }
    }

    private static async Task<bool> WaitForRedisAsync(IConnectionMultiplexer redis, LoadRequest request, CancellationToken cancel)
    {
        var where = request.Redis.Describe();
        var answered = await RedisConnection.WaitUntilReachableAsync(
            redis, request.MaxWait,
            (attempt, _, reason) =>
            {
                // One line, on the first failure only: the retries that follow are quiet.
                if (attempt == 1)
                    Console.Error.WriteLine($"playstream: Redis at {where} does not answer ({reason}); retrying for up to {request.MaxWait.TotalSeconds:0} s");
            },
            cancel).ConfigureAwait(false);
        if (!answered)
            Console.Error.WriteLine($"playstream: gave up on Redis at {where} after {request.MaxWait.TotalSeconds:0} s; is it running (stack/stack.sh up), and is the password right? Use --redis HOST:PORT to point elsewhere");
        return answered;
    }

    /// <summary>Reads the file and loads it; false (after saying why in one line) when either failed.</summary>
    private static async Task<bool> LoadOnceAsync(RedisLookupLoader loader, LoadRequest request, CancellationToken cancel)
    {
        try
        {
            var (report, problems) = request.Kind == LoadKind.Customers
                ? await LoadCustomersAsync(loader, request, cancel).ConfigureAwait(false)
                : await LoadTracksAsync(loader, request, cancel).ConfigureAwait(false);
            var layout = request.Layout == RedisLookupLayout.Original ? " (original layout)" : "";
            // Plain text: a count line should not be wrapped at a guessed console width when piped.
            Console.WriteLine(
                $"loaded {N(report.Written)} {report.Kind} into Redis at {request.Redis.Describe()}{layout}; " +
                $"removed {N(report.Removed)}; skipped {N(problems.Count)} lines; lookups version {report.Version}");
            foreach (var problem in problems.Take(ShownProblems))
                Console.Error.WriteLine($"  skipped {problem}");
            if (problems.Count > ShownProblems)
                Console.Error.WriteLine($"  ... and {problems.Count - ShownProblems} more");
            return true;
        }
        catch (LookupFileException e)
        {
            Console.Error.WriteLine($"playstream: {e.Message}");
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"playstream: cannot read {request.File}: {e.Message}");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Console.Error.WriteLine($"playstream: loading into Redis at {request.Redis.Describe()} failed: {RedisConnection.FailureReason(e.Message)}");
        }
        return false;
    }

    private static async Task<(LookupLoadReport, IReadOnlyList<LookupProblem>)> LoadCustomersAsync(
        RedisLookupLoader loader, LoadRequest request, CancellationToken cancel)
    {
        var read = CustomerReader.Read(request.File);
        var report = await loader.LoadCustomersAsync(read.Table, request.Layout, cancel: cancel).ConfigureAwait(false);
        return (report, read.Problems);
    }

    private static async Task<(LookupLoadReport, IReadOnlyList<LookupProblem>)> LoadTracksAsync(
        RedisLookupLoader loader, LoadRequest request, CancellationToken cancel)
    {
        var read = TrackReader.Read(request.File);
        var report = await loader.LoadTracksAsync(read.Table, cancel: cancel).ConfigureAwait(false);
        return (report, read.Problems);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string KindName(LoadKind kind) => kind == LoadKind.Customers ? "customer" : "track";
}
