using Playstream.Core.Events;

namespace Playstream.Core.Pipeline;

/// <summary>
/// A reusable block of parsed plays with their zip codes, handed from a reader to a play
/// sink. Plays travel in batches, not one by one, so a sink pays its per-call cost (a
/// channel hop, a database statement, a bulk request) once per thousands of plays; the zip
/// bytes are copied into one arena because the reader's line buffer is reused.
/// </summary>
public sealed class PlayBatch
{
    private readonly PlayEvent[] _plays;
    private readonly int[] _zipEnds;
    private readonly long[] _positions;
    private byte[] _zipBytes;
    private int _zipLength;

    public PlayBatch(int capacity = 8192)
    {
        _plays = new PlayEvent[capacity];
        _zipEnds = new int[capacity];
        _positions = new long[capacity];
        _zipBytes = new byte[capacity * 8];
    }

    public int Count { get; private set; }
    public int Capacity => _plays.Length;
    public bool IsFull => Count == _plays.Length;

    /// <summary>Where the plays came from (a file path or <c>topic/partition</c>), for ids and diagnostics.</summary>
    public string Source { get; set; } = "";

    public ReadOnlySpan<PlayEvent> Plays => _plays.AsSpan(0, Count);

    public ref readonly PlayEvent this[int index] => ref _plays[index];

    /// <summary>The zip code of play <paramref name="index"/> as UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Zip(int index)
    {
        var start = index == 0 ? 0 : _zipEnds[index - 1];
        return _zipBytes.AsSpan(start, _zipEnds[index] - start);
    }

    /// <summary>
    /// Where play <paramref name="index"/> sits in <see cref="Source"/>: its line number in a file,
    /// its offset in a Kafka partition. Sinks derive deterministic ids from it, so a replay
    /// overwrites a play instead of storing it twice.
    /// </summary>
    public long Position(int index) => _positions[index];

    /// <summary>Adds a play; the caller checks <see cref="IsFull"/> first.</summary>
    public void Add(in PlayEvent play, ReadOnlySpan<byte> zip, long position = 0)
    {
        _positions[Count] = position;
        if (_zipLength + zip.Length > _zipBytes.Length)
            Array.Resize(ref _zipBytes, Math.Max(_zipBytes.Length * 2, _zipLength + zip.Length));
        zip.CopyTo(_zipBytes.AsSpan(_zipLength));
        _zipLength += zip.Length;
        _zipEnds[Count] = _zipLength;
        _plays[Count++] = play;
    }

    public void Clear()
    {
        Count = 0;
        _zipLength = 0;
    }
}
