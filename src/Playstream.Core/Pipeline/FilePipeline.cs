using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Sources;

namespace Playstream.Core.Pipeline;

/// <summary>
/// The embedded pipeline's reading half: parses event files, enriches each play from the
/// lookup tables, feeds the operators, and hands plays and dead letters to their sinks.
/// <para>
/// Files are cut into byte ranges on line boundaries; one reader per core parses ranges into
/// <see cref="PlayBlock"/>s of enriched plays, and one applier adds each full block to a single
/// <see cref="PartitionAnalytics"/>, which sorts it by pane and runs the operators side by side.
/// Sorting a block costs a few milliseconds and makes unordered input about as fast as ordered
/// input (each pane's state is swept once per block instead of touched at random per play);
/// one state fed by blocks, instead of one state per reader, leaves no partial states to merge
/// at the end. The result does not depend on how the input was cut or in which order blocks come.
/// </para>
/// <para>
/// The methods every play or result row passes through are marked
/// <see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>: a run
/// lasts seconds, and tiered compilation would run them unoptimized (and instrumented) for much
/// of it, as its quiet period before optimizing restarts whenever new code is first called,
/// which during a run is all the time. Measured on 2M plays: about a third less CPU time.
/// </para>
/// </summary>
public static class FilePipeline
{
    /// <summary>How many plays a reader parses between two updates of the shared progress counter.</summary>
    private const int ProgressEvery = 1 << 16;

    /// <summary>Ranges per reader: enough that readers finishing at different times leave little idle.</summary>
    private const int RangesPerReader = 4;

    /// <param name="blockCapacity">Plays per block handed to the analytics (smaller blocks: less memory, less locality).</param>
    public static FileRunResult Run(
        IReadOnlyList<string> files,
        LookupTables lookups,
        AnalyticsSettings settings,
        int parallelism,
        IPlaySink? plays,
        PlayBatchPool pool,
        IDeadLetterSink deadLetters,
        IProgress<long>? bytesRead = null,
        int blockCapacity = PlayBlock.DefaultCapacity,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCapacity, 1);
        foreach (var file in files)
        {
            if (Directory.Exists(file))
                throw new FileNotFoundException($"events file '{file}' is a directory, not a file", file);
            if (!File.Exists(file))
                throw new FileNotFoundException($"events file '{file}' does not exist", file);
        }

        var work = new Queue<(string File, LineRange Range)>();
        foreach (var file in files)
            foreach (var range in LineRanges.Split(file, parallelism * RangesPerReader, numberLines: true))
                work.Enqueue((file, range));

        var analytics = new PartitionAnalytics(settings);
        using var applier = new BlockApplier(analytics, blockCapacity, parallelism);
        var readers = new Reader[Math.Max(1, Math.Min(parallelism, work.Count))];
        var progress = new ProgressCounter(bytesRead);
        for (var i = 0; i < readers.Length; i++)
            readers[i] = new Reader(lookups, plays, pool, deadLetters, applier, progress, cancellationToken);

        var threads = readers.Select(r => new Thread(() => r.Drain(work)) { Name = "playstream-reader", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        applier.Complete();
        foreach (var r in readers)
            if (r.Failure is not null)
                throw new InvalidOperationException($"reading events failed: {r.Failure.Message}", r.Failure);
        if (applier.Failure is not null)
            throw new InvalidOperationException($"computing the analytics failed: {applier.Failure.Message}", applier.Failure);
        cancellationToken.ThrowIfCancellationRequested();

        progress.Flush();
        return new FileRunResult(analytics, readers.Sum(r => r.Bytes), readers.Sum(r => r.Lines), readers.Sum(r => r.BlankLines));
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

    /// <summary>
    /// Adds full blocks to the analytics on its own thread, one block at a time, and recycles
    /// them. The queue is bounded, so readers that get ahead wait (and memory stays a few blocks).
    /// </summary>
    private sealed class BlockApplier : IDisposable
    {
        private readonly PartitionAnalytics _analytics;
        private readonly int _capacity;
        private readonly BlockingCollection<PlayBlock> _full;
        private readonly ConcurrentBag<PlayBlock> _free = [];
        private readonly Thread _thread;

        public BlockApplier(PartitionAnalytics analytics, int capacity, int readers)
        {
            _analytics = analytics;
            _capacity = capacity;
            _full = new BlockingCollection<PlayBlock>(boundedCapacity: Math.Max(1, readers));
            _thread = new Thread(Loop) { Name = "playstream-applier", IsBackground = true };
            _thread.Start();
        }

        public Exception? Failure { get; private set; }

        public PlayBlock Rent() => _free.TryTake(out var block) ? block : new PlayBlock(_capacity);

        /// <summary>Queues a block for the analytics; after a failure the block is dropped (the run fails anyway).</summary>
        public void Submit(PlayBlock block)
        {
            if (Failure is not null)
                throw new InvalidOperationException("the analytics stopped", Failure);
            _full.Add(block);
        }

        /// <summary>Waits until every queued block has been added.</summary>
        public void Complete()
        {
            _full.CompleteAdding();
            _thread.Join();
        }

        public void Dispose() => _full.Dispose();

        private void Loop()
        {
            foreach (var block in _full.GetConsumingEnumerable())
            {
                try
                {
                    if (Failure is null)
                        _analytics.AddBlock(block);
                }
                catch (Exception ex)
                {
                    Failure = ex;
                }
                block.Clear();
                _free.Add(block);
            }
        }
    }

    private sealed class Reader(
        LookupTables lookups,
        IPlaySink? plays,
        PlayBatchPool pool,
        IDeadLetterSink deadLetters,
        BlockApplier applier,
        ProgressCounter progress,
        CancellationToken cancellationToken)
    {
        public long Bytes { get; private set; }
        public long Lines { get; private set; }
        public long BlankLines { get; private set; }
        public Exception? Failure { get; private set; }

        public void Drain(Queue<(string File, LineRange Range)> work)
        {
            var block = applier.Rent();
            try
            {
                while (true)
                {
                    (string File, LineRange Range) item;
                    lock (work)
                    {
                        if (!work.TryDequeue(out item))
                            break;
                    }
                    block = ReadRange(item.File, item.Range, block);
                }
                applier.Submit(block);
            }
            catch (Exception ex)
            {
                Failure = ex;
            }
        }

        /// <summary>Reads one range into blocks, submitting each that fills; returns the block being filled.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private PlayBlock ReadRange(string file, LineRange range, PlayBlock block)
        {
            using var reader = LineReader.Open(file, range);
            var batch = plays is null ? null : pool.Rent();
            if (batch is not null) batch.Source = file;
            var lastReported = range.Start;
            var sinceReport = 0;

            while (reader.TryReadLine(out var line, out var lineNumber, out _))
            {
                Lines++;
                var kind = PlayLine.Read(line, out var play, out var zip, out var reason);
                if (kind == LineKind.Play)
                {
                    block.Add(play, line[zip], lookups);
                    if (block.IsFull)
                    {
                        applier.Submit(block);
                        block = applier.Rent();
                    }
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
                else if (kind == LineKind.Blank)
                {
                    BlankLines++;
                }
                else
                {
                    block.CountDeadLetter(reason);
                    deadLetters.Write(PlayLine.DeadLetter(reason, new SourcePosition(file, lineNumber), line));
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
            return block;
        }
    }
}
