namespace Playstream.Shipping.Delivery;

/// <summary>
/// The lines of one file that are sent but not yet acknowledged, in file order, and the file
/// position below which every line is acknowledged. Kafka acknowledges partitions independently,
/// so acknowledgements arrive out of file order; the position only moves over a contiguous prefix
/// of acknowledged lines, which is what makes it safe to resume from.
/// </summary>
/// <remarks>
/// A ring of fixed capacity: it is also the bound on lines in flight per file. Lines are added by
/// the reading thread and acknowledged by the client's delivery thread; one lock guards both.
/// </remarks>
public sealed class AckWindow
{
    public const int DefaultCapacity = 1 << 16;

    private readonly long[] _ends;
    private readonly bool[] _acked;
    private readonly object _gate = new();
    private int _head;
    private int _count;
    private long _acknowledgedOffset;

    public AckWindow(long startOffset, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ends = new long[capacity];
        _acked = new bool[capacity];
        _acknowledgedOffset = startOffset;
    }

    public int Capacity => _ends.Length;

    /// <summary>The file offset right after the last line of the acknowledged prefix: where a restart resumes.</summary>
    public long AcknowledgedOffset => Interlocked.Read(ref _acknowledgedOffset);

    /// <summary>Lines sent and not yet covered by the acknowledged prefix.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    /// <summary>Per-window state a sink keeps (its cached delivery callbacks, one per slot).</summary>
    public object? SinkState { get; set; }

    /// <summary>Records a line sent, ending at <paramref name="endOffset"/>; false (nothing recorded) when the window is full.</summary>
    /// <param name="slot">What to pass to <see cref="Acknowledge"/> when the line is delivered.</param>
    public bool TryAdd(long endOffset, out int slot)
    {
        lock (_gate)
        {
            if (_count == _ends.Length)
            {
                slot = -1;
                return false;
            }
            slot = (_head + _count) % _ends.Length;
            _ends[slot] = endOffset;
            _acked[slot] = false;
            _count++;
            return true;
        }
    }

    /// <summary>Takes back the line added last, when it could not be sent after all.</summary>
    public void RemoveLast(int slot)
    {
        lock (_gate)
        {
            if (_count == 0 || slot != (_head + _count - 1) % _ends.Length || _acked[slot])
                throw new ArgumentOutOfRangeException(nameof(slot), slot, "not the last line in flight");
            _count--;
        }
    }

    /// <summary>
    /// Moves past bytes that are not sent (blank lines): acknowledged at once when nothing is in
    /// flight, else together with the last line sent before them.
    /// </summary>
    public void Skip(long endOffset)
    {
        lock (_gate)
        {
            if (_count == 0)
                Interlocked.Exchange(ref _acknowledgedOffset, endOffset);
            else
                _ends[(_head + _count - 1) % _ends.Length] = endOffset;
        }
    }

    /// <summary>Marks a line delivered and advances the acknowledged prefix as far as it now reaches.</summary>
    public void Acknowledge(int slot) => Acknowledge([slot]);

    /// <summary>Marks lines delivered (a delivery report holds thousands) under one lock, then advances the prefix.</summary>
    public void Acknowledge(ReadOnlySpan<int> slots)
    {
        lock (_gate)
        {
            foreach (var slot in slots)
            {
                if ((uint)slot >= (uint)_ends.Length || !InWindow(slot))
                    throw new ArgumentOutOfRangeException(nameof(slots), slot, "not a line in flight");
                _acked[slot] = true;
            }
            var advanced = false;
            var offset = 0L;
            while (_count > 0 && _acked[_head])
            {
                _acked[_head] = false;
                offset = _ends[_head];
                advanced = true;
                _head = (_head + 1) % _ends.Length;
                _count--;
            }
            if (advanced)
                Interlocked.Exchange(ref _acknowledgedOffset, offset);
        }
    }

    private bool InWindow(int slot) => (slot - _head + _ends.Length) % _ends.Length < _count;
}
