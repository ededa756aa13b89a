using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Files;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>
/// The reading side of a followed run: its files, its state, and the batch of plays on its
/// way to the store. Between two calls it is between two lines, where a checkpoint is taken.
/// Late plays (<see cref="LatenessRule"/>) become dead letters <c>late</c>, kept with their line.
/// </summary>
internal sealed class FollowSession(EmbeddedRunOptions options, FollowStart start, LookupTables lookups, LatenessRule lateness, Action<string>? report)
{
    private StoreWriter? _writer;
    private PlayBatch? _batch;

    public EmbeddedRunOptions Options => options;
    public EmbeddedStore Store => start.Store;
    public PartitionAnalytics Analytics => start.Analytics;
    public LatenessRule Lateness => lateness;
    public long Lines { get; private set; }
    public long BlankLines { get; private set; }
    public long Bytes { get; private set; }

    public void Open(StoreWriter writer)
    {
        _writer = writer;
        _batch = writer.Pool.Rent();
    }

    /// <summary>Reads every whole line appended to the files since the last call.</summary>
    public void ReadNewLines()
    {
        foreach (var file in start.Files)
        {
            // A batch holds the plays of one file: its positions are that file's line numbers.
            if (_batch!.Count > 0 && _batch.Source != file.Path)
                WriteBatch();
            _batch!.Source = file.Path;
            Bytes += file.ReadNewLines((line, number, _, _) => OnLine(file.Path, line, number), report);
        }
    }

    private bool OnLine(string path, ReadOnlySpan<byte> line, long lineNumber)
    {
        Lines++;
        var kind = PlayLine.Read(line, out var play, out var zip, out var reason);
        if (kind == LineKind.Blank)
        {
            BlankLines++;
            return true;
        }
        if (kind == LineKind.DeadLetter)
        {
            Analytics.CountDeadLetter(reason);
            _writer!.Write(PlayLine.DeadLetter(reason, new SourcePosition(path, lineNumber), line));
            return true;
        }
        if (lateness.WhyLate(Analytics, play.Time) is { } why)
        {
            Analytics.CountDeadLetter(DeadLetterReason.Late);
            _writer!.Write(PlayLine.DeadLetter(DeadLetterReason.Late, new SourcePosition(path, lineNumber), line, why));
            return true;
        }
        Analytics.Add(play, line[zip], lookups);
        if (options.StorePlays)
        {
            _batch!.Add(play, line[zip], lineNumber);
            if (_batch.IsFull)
                WriteBatch();
        }
        return true;
    }

    /// <summary>Everything read so far is in the store when this completes.</summary>
    public Task FlushAsync()
    {
        if (_batch!.Count > 0)
            WriteBatch();
        return _writer!.FlushAsync(CancellationToken.None);
    }

    /// <summary>Where reading of each file got to.</summary>
    public IReadOnlyList<FilePosition> Positions(DateTimeOffset at) => start.Files.Select(f => f.Position(at)).ToList();

    /// <summary>Gives the batch back; call before the writer is disposed.</summary>
    public void Close()
    {
        if (_batch is not null)
            _writer!.Pool.Return(_batch);
        _batch = null;
    }

    private void WriteBatch()
    {
        var source = _batch!.Source;
        _writer!.Write(_batch);
        _batch = _writer.Pool.Rent();
        _batch.Source = source;
    }
}
