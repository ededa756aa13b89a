using UniqueTracksResult = Playstream.Core.Results.UniqueTracks;

namespace Playstream.Core.Operators.UniqueTracks;

/// <summary>The distinct tracks played, over all plays (<c>all</c>) and over mobile plays (<c>mobile</c>).</summary>
public sealed class UniqueTracksOperator
{
    public const string AllScope = "all";
    public const string MobileScope = "mobile";

    private readonly TrackIdSet _all = new();
    private readonly TrackIdSet _mobile = new();

    public void Add(int trackId, bool isMobile)
    {
        _all.Add(trackId);
        if (isMobile)
            _mobile.Add(trackId);
    }

    /// <summary>Adds a play's track; says whether it is new to <c>all</c> and to <c>mobile</c>.</summary>
    public (bool NewToAll, bool NewToMobile) AddReportingNew(int trackId, bool isMobile) =>
        (_all.TryAdd(trackId), isMobile && _mobile.TryAdd(trackId));

    public void Merge(UniqueTracksOperator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _all.UnionWith(other._all);
        _mobile.UnionWith(other._mobile);
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteSet(writer, _all);
        WriteSet(writer, _mobile);
    }

    public static UniqueTracksOperator Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new UniqueTracksOperator();
        ReadSet(reader, result._all);
        ReadSet(reader, result._mobile);
        return result;
    }

    /// <summary>Both scopes, <c>all</c> first, each even when empty.</summary>
    public List<UniqueTracksResult> ComputeScopes() =>
        [new UniqueTracksResult(AllScope, _all.ToSortedList()), new UniqueTracksResult(MobileScope, _mobile.ToSortedList())];

    private static void WriteSet(BinaryWriter writer, TrackIdSet set)
    {
        var ids = set.ToSortedList();
        writer.Write(ids.Count);
        foreach (var id in ids)
            writer.Write(id);
    }

    private static void ReadSet(BinaryReader reader, TrackIdSet set)
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
            set.Add(reader.ReadInt32());
    }
}
