using System.Buffers;

namespace Playstream.Core.Generation;

/// <summary>
/// Endless new plays from the listening model, stamped with the current time and numbered on
/// from the log's existing lines. Repeat sessions play out over the following minutes just as
/// in a generated log; every line carries the time it was written.
/// </summary>
internal sealed class GeneratedLiveLines(ListeningModel model, long firstEventId) : ILiveLineSource
{
    // A run resumed on a longer log draws a different sequence rather than replaying the last run's.
    private readonly PlayPicker _picker = model.CreatePicker(
        SplitMix64.Derive(model.Seed, RandomStream.Live) ^ SplitMix64.Mix((ulong)firstEventId));
    private readonly EventLineFormatter _formatter = new();
    private long _nextId = firstEventId;

    public bool TryAppendLine(ArrayBufferWriter<byte> output, long nowSeconds)
    {
        var play = _picker.Next(nowSeconds, out _);
        var span = output.GetSpan(EventLineFormatter.MaxLineLength);
        output.Advance(_formatter.Format(span, _nextId++, play.Customer, play.Track, nowSeconds, play.IsMobile, play.Zip));
        return true;
    }

    public void Dispose()
    {
    }
}
