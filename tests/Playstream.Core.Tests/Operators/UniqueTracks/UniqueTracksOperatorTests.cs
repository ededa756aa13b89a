using Playstream.Core.Operators.UniqueTracks;

namespace Playstream.Core.Tests.Operators.UniqueTracks;

public class UniqueTracksOperatorTests
{
    [Fact]
    public void Both_scopes_list_distinct_ids_ascending()
    {
        var op = new UniqueTracksOperator();
        foreach (var (track, mobile) in new[] { (1749, false), (0, true), (64, true), (63, false), (0, false), (int.MaxValue, true), (1 << 24, false) })
            op.Add(track, mobile);
        var scopes = op.ComputeScopes();
        Assert.Equal(new[] { "all", "mobile" }, scopes.Select(s => s.Scope));
        Assert.Equal(new[] { 0, 63, 64, 1749, 1 << 24, int.MaxValue }, scopes[0].TrackIds);
        Assert.Equal(new[] { 0, 64, int.MaxValue }, scopes[1].TrackIds);
        Assert.Equal(3, scopes[1].Count);
    }

    [Fact]
    public void Empty_scopes_are_still_reported()
    {
        var scopes = new UniqueTracksOperator().ComputeScopes();
        Assert.Equal(new[] { ("all", 0), ("mobile", 0) }, scopes.Select(s => (s.Scope, s.Count)));
    }

    [Fact]
    public void Merge_and_snapshot_are_unions()
    {
        var left = new UniqueTracksOperator();
        var right = new UniqueTracksOperator();
        left.Add(5, false);
        right.Add(5, true);
        right.Add(100_000, false);
        left.Merge(right);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            left.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        foreach (var op in new[] { left, UniqueTracksOperator.Read(reader) })
        {
            var scopes = op.ComputeScopes();
            Assert.Equal(new[] { 5, 100_000 }, scopes[0].TrackIds);
            Assert.Equal(new[] { 5 }, scopes[1].TrackIds);
        }
    }
}
