using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>
/// The reading side of a followed run: its files' tails, its state, and the batch of plays on its
/// way to the store. Between two calls it is between two lines, where a checkpoint is taken.
/// Late plays (<see cref="LatenessRule"/>) become dead letters <c>late</c>, kept with their line.
/// </summary>
internal sealed class FollowSession(EmbeddedRunOptions options, FollowStart start, LookupTables lookups, LatenessRule lateness)
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
        foreach (var tail in start.Tails)
        {
            // A batch holds the plays of one file: its positions are that file's line numbers.
            if (_batch!.Count > 0 && _batch.Source != tail.Path)
                WriteBatch();
            _batch!.Source = tail.Path;
            Bytes += tail.ReadNewLines((line, lineNumber) => OnLine(tail, line, lineNumber));
        }
    }

    private void OnLine(FileTail tail, ReadOnlySpan<byte> line, long lineNumber)
    {
        Lines++;
        if (EventParser.TryParse(line, out var play, out var zip, out var reason))
        {
            if (lateness.WhyLate(Analytics, play.Time) is { } why)
            {
                Analytics.CountDeadLetter(DeadLetterReason.Late);
                _writer!.Write(new DeadLetter(DeadLetterReason.Late, new SourcePosition(tail.Path, lineNumber), Text(line), why));
                return;
            }
            Analytics.Add(play, line[zip], lookups);
            if (options.StorePlays)
            {
                _batch!.Add(play, line[zip], lineNumber);
                if (_batch.IsFull)
                    WriteBatch();
            }
        }
        else if (EventParser.IsBlank(line))
        {
            BlankLines++;
        }
        else
        {
            Analytics.CountDeadLetter(reason);
            _writer!.Write(new DeadLetter(reason, new SourcePosition(tail.Path, lineNumber), Text(line), EventParser.Describe(reason)));
        }
    }

    /// <summary>Everything read so far is in the store when this completes.</summary>
    public Task FlushAsync()
    {
        if (_batch!.Count > 0)
            WriteBatch();
        return _writer!.FlushAsync(CancellationToken.None);
    }

    /// <summary>Where reading of each file got to.</summary>
    public IReadOnlyList<FilePosition> Positions() => start.Tails.Select(t => t.Position()).ToList();

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

    private static string Text(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line.TrimEnd((byte)'\r'));
}
