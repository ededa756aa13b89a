namespace Playstream.Core.Lookups;

/// <summary>Tracks by id, dense for small ids like <see cref="CustomerTable"/>.</summary>
public sealed class TrackTable
{
    public const int DenseLimit = 1 << 24;

    private Track?[] _dense = [];
    private readonly Dictionary<int, Track> _sparse = [];

    public int Count { get; private set; }

    public void Set(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (track.Id < 0)
            throw new ArgumentOutOfRangeException(nameof(track), "track id must be >= 0");
        if (track.Id < DenseLimit)
        {
            if (track.Id >= _dense.Length)
                Array.Resize(ref _dense, Math.Min(DenseLimit, Math.Max(track.Id + 1, _dense.Length * 2)));
            if (_dense[track.Id] is null) Count++;
            _dense[track.Id] = track;
        }
        else
        {
            if (!_sparse.ContainsKey(track.Id)) Count++;
            _sparse[track.Id] = track;
        }
    }

    public Track? Get(int id)
    {
        if ((uint)id < (uint)_dense.Length)
            return _dense[id];
        return id >= DenseLimit && _sparse.TryGetValue(id, out var t) ? t : null;
    }

    public bool Contains(int id) => (uint)id < (uint)_dense.Length ? _dense[id] is not null : id >= DenseLimit && _sparse.ContainsKey(id);

    public IEnumerable<Track> All()
    {
        foreach (var t in _dense)
            if (t is not null)
                yield return t;
        foreach (var t in _sparse.Values)
            yield return t;
    }
}
