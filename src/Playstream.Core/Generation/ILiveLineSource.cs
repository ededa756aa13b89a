using System.Buffers;

namespace Playstream.Core.Generation;

/// <summary>Where a <see cref="LiveWriter"/> gets its lines from.</summary>
internal interface ILiveLineSource : IDisposable
{
    /// <summary>Appends one whole line (with its <c>\n</c>) for the time <paramref name="nowSeconds"/>; false when there are no more.</summary>
    bool TryAppendLine(ArrayBufferWriter<byte> output, long nowSeconds);
}
