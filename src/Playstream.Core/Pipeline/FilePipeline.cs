using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Sources;

namespace Playstream.Core.Pipeline;

/// <summary>What a bounded run over files read.</summary>
public sealed record FileRunResult(PartitionAnalytics Analytics, long Bytes, long Lines, long BlankLines);

/// <summary>
/// The embedded pipeline's reading half: parses event files, enriches each play from the
/// lookup tables, feeds the operators, and hands plays and dead letters to their sinks.
/// Files are cut into byte ranges on line boundaries and read by one worker per core, each
/// with its own partition state; the partials are merged at the end, exactly as partitions
/// on several instances are, so the result does not depend on how the input was cut.
/// </summary>
public static class FilePipeline
{
    /// <summary>How many plays a worker reads between two updates of the shared progress counter.</summary>
    private const int ProgressEvery = 1 << 16;

    public static FileRunResult Run(
        IReadOnlyList<string> files,
        LookupTables lookups,
        AnalyticsSettings settings,
        int parallelism,
        IPlaySink? plays,
        PlayBatchPool pool,
        IDeadLetterSink deadLetters,
        IProgress<long>? bytesRead = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        foreach (var file in files)
        {
            if (Directory.Exists(file))
                throw new FileNotFoundException($"events file '{file}' is a directory, not a file", file);
            if (!File.Exists(file))
                throw new FileNotFoundException($"events file '{file}' does not exist", file);
        }

        var work = new Queue<(string File, LineRange Range)>();
        foreach (var file in files)
            foreach (var range in LineRanges.Split(file, parallelism, numberLines: true))
                work.Enqueue((file, range));

        var workers = new Worker[Math.Max(1, Math.Min(parallelism, work.Count))];
        var progress = new ProgressCounter(bytesRead);
        for (var i = 0; i < workers.Length; i++)
            workers[i] = new Worker(settings, lookups, plays, pool, deadLetters, progress, cancellationToken);

        var threads = workers.Select(w => new Thread(() => w.Drain(work)) { Name = "playstream-reader", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        foreach (var w in workers)
            if (w.Failure is not null)
                throw new InvalidOperationException($"reading events failed: {w.Failure.Message}", w.Failure);
        cancellationToken.ThrowIfCancellationRequested();

        var merged = workers[0].Analytics;
        for (var i = 1; i < workers.Length; i++)
            merged.Merge(workers[i].Analytics);
        progress.Flush();
        return new FileRunResult(merged, workers.Sum(w => w.Bytes), workers.Sum(w => w.Lines), workers.Sum(w => w.BlankLines));
    }

    private sealed class ProgressCounter(IProgress<long>? sink)
    {
        private long _bytes;

        public void Add(long bytes)
        {
            var total = Interlocked.Add(ref _bytes, bytes);
            sink?.Report(total);
        }

        public void Flush() => sink?.Report(Interlocked.Read(ref _bytes));
    }

    private sealed class Worker(
        AnalyticsSettings settings,
        LookupTables lookups,
        IPlaySink? plays,
        PlayBatchPool pool,
        IDeadLetterSink deadLetters,
        ProgressCounter progress,
        CancellationToken cancellationToken)
    {
        public PartitionAnalytics Analytics { get; } = new(settings);
        public long Bytes { get; private set; }
        public long Lines { get; private set; }
        public long BlankLines { get; private set; }
        public Exception? Failure { get; private set; }

        public void Drain(Queue<(string File, LineRange Range)> work)
        {
            try
            {
                while (true)
                {
                    (string File, LineRange Range) item;
                    lock (work)
                    {
                        if (!work.TryDequeue(out item))
                            return;
                    }
                    ReadRange(item.File, item.Range);
                }
            }
            catch (Exception ex)
            {
                Failure = ex;
            }
        }

        private void ReadRange(string file, LineRange range)
        {
            using var reader = LineReader.Open(file, range);
            var batch = plays is null ? null : pool.Rent();
            if (batch is not null) batch.Source = file;
            var customers = lookups.Customers;
            var tracks = lookups.Tracks;
            var lastReported = range.Start;
            var sinceReport = 0;

            while (reader.TryReadLine(out var line, out var lineNumber, out _))
            {
                Lines++;
                if (EventParser.TryParse(line, out var play, out var zip, out var reason))
                {
                    Analytics.Add(play, line[zip], lookups);
                    if (batch is not null)
                    {
                        batch.Add(play, line[zip], lineNumber);
                        if (batch.IsFull)
                        {
                            plays!.Write(batch);
                            batch = pool.Rent();
                            batch.Source = file;
                        }
                    }
                }
                else if (EventParser.IsBlank(line))
                {
                    BlankLines++;
                }
                else
                {
                    Analytics.CountDeadLetter(reason);
                    deadLetters.Write(new DeadLetter(reason, new SourcePosition(file, lineNumber), RawText(line), EventParser.Describe(reason)));
                }

                if (++sinceReport == ProgressEvery)
                {
                    sinceReport = 0;
                    cancellationToken.ThrowIfCancellationRequested();
                    progress.Add(reader.NextOffset - lastReported);
                    lastReported = reader.NextOffset;
                }
            }
            progress.Add(range.End - lastReported);
            Bytes += range.Length;
            if (batch is not null)
            {
                if (batch.Count > 0) plays!.Write(batch);
                else pool.Return(batch);
            }
        }

        /// <summary>A dead letter keeps the line as it was; bytes that are not UTF-8 become U+FFFD.</summary>
        private static string RawText(ReadOnlySpan<byte> line)
        {
            if (!line.IsEmpty && line[^1] == (byte)'\r')
                line = line[..^1];
            return Encoding.UTF8.GetString(line);
        }
    }
}
