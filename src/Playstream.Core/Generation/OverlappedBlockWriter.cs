using System.Buffers;

namespace Playstream.Core.Generation;

/// <summary>
/// Two pooled blocks: the caller fills one while the other is written to the stream on the
/// thread pool. Formatting and the write system call then overlap instead of taking turns,
/// which is most of the gap between formatting speed and file speed. Blocks reach the stream
/// whole and in order.
/// </summary>
internal sealed class OverlappedBlockWriter : IDisposable
{
    private readonly Stream _destination;
    private byte[] _filling;
    private byte[] _spare;
    private Task _pending = Task.CompletedTask;

    public OverlappedBlockWriter(Stream destination, int blockSize)
    {
        _destination = destination;
        _filling = ArrayPool<byte>.Shared.Rent(blockSize);
        _spare = ArrayPool<byte>.Shared.Rent(blockSize);
    }

    /// <summary>The block being filled; valid until the next <see cref="Hand"/>.</summary>
    public byte[] Block => _filling;

    /// <summary>Bytes of <see cref="Block"/> in use.</summary>
    public int Used { get; set; }

    /// <summary>Room left in the current block.</summary>
    public int Free => _filling.Length - Used;

    /// <summary>Starts writing the filled part of the current block and switches to the other one.</summary>
    public void Hand()
    {
        _pending.GetAwaiter().GetResult();   // the spare is free only once its write is done
        var block = _filling;
        var count = Used;
        _pending = Task.Run(() => _destination.Write(block, 0, count));
        (_filling, _spare) = (_spare, _filling);
        Used = 0;
    }

    /// <summary>Writes what is left, waits for every write and flushes the stream.</summary>
    public void Complete()
    {
        _pending.GetAwaiter().GetResult();
        _destination.Write(_filling, 0, Used);
        Used = 0;
        _destination.Flush();
    }

    public void Dispose()
    {
        // A write still running owns its block; let it finish (its error, if any, was or will be reported by Hand/Complete).
        try
        {
            _pending.Wait();
        }
        catch (AggregateException)
        {
        }
        ArrayPool<byte>.Shared.Return(_filling);
        ArrayPool<byte>.Shared.Return(_spare);
    }
}
