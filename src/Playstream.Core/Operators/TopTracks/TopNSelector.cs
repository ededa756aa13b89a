using System.Runtime.CompilerServices;
using Playstream.Core.Results;

namespace Playstream.Core.Operators.TopTracks;

/// <summary>
/// Keeps the best N tracks seen so far: most plays first, ties to the smaller track id.
/// N is small (10), so an insertion into a sorted array beats a heap.
/// </summary>
internal sealed class TopNSelector
{
    private readonly TrackPlays[] _best;
    private int _count;

    public TopNSelector(int n) => _best = new TrackPlays[n];

    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(int trackId, long plays)
    {
        var candidate = new TrackPlays(trackId, plays);
        if (_count == _best.Length && !Ranks(candidate, _best[_count - 1]))
            return;
        var i = _count == _best.Length ? _count - 1 : _count++;
        while (i > 0 && Ranks(candidate, _best[i - 1]))
        {
            _best[i] = _best[i - 1];
            i--;
        }
        _best[i] = candidate;
    }

    public TrackPlays[] ToArray() => _best.AsSpan(0, _count).ToArray();

    /// <summary>Whether <paramref name="a"/> ranks above <paramref name="b"/>.</summary>
    private static bool Ranks(TrackPlays a, TrackPlays b) =>
        a.Plays > b.Plays || (a.Plays == b.Plays && a.TrackId < b.TrackId);
}
