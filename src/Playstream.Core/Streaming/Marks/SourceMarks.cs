namespace Playstream.Core.Streaming.Marks;

/// <summary>
/// Per input partition, the highest input offset a customer stage has taken through the
/// repartition topic. The source stage of one input partition sends its records in offset
/// order, one request in flight and retried without end, so the records of one input
/// partition reach a repartition partition in offset order, a restarted source stage's
/// resends included: a record at or below its partition's mark was taken already.
/// </summary>
public sealed class SourceMarks
{
    private long[] _marks;

    public SourceMarks(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        _marks = new long[partitions];
        Array.Fill(_marks, -1);
    }

    /// <summary>True when the record is new (its offset is above the partition's mark, which moves to it).</summary>
    public bool TryAdvance(int partition, long offset)
    {
        if ((uint)partition >= (uint)_marks.Length)
            Grow(partition + 1);
        if (offset <= _marks[partition])
            return false;
        _marks[partition] = offset;
        return true;
    }

    /// <summary>Every partition's mark (-1 where none was taken), by partition.</summary>
    public long[] ToArray() => (long[])_marks.Clone();

    /// <summary>Raises marks to those of a checkpoint (never lowers one).</summary>
    public void Restore(ReadOnlySpan<long> marks)
    {
        if (marks.Length > _marks.Length)
            Grow(marks.Length);
        for (var i = 0; i < marks.Length; i++)
            _marks[i] = Math.Max(_marks[i], marks[i]);
    }

    private void Grow(int size)
    {
        var old = _marks.Length;
        Array.Resize(ref _marks, size);
        Array.Fill(_marks, -1, old, size - old);
    }
}
