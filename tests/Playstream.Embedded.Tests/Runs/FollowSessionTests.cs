using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Embedded.Checkpoints;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

/// <summary>The reading side of a followed run: lines appended between calls, sorted into plays, blank lines, dead letters and late plays.</summary>
public sealed class FollowSessionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Play(int id, string time) => $"{id},5,7,\"2014-10-01 {time}\",0,\"1\"\n";

    private async Task<(FollowSession Session, FollowStart Start, StoreWriter Writer)> OpenAsync(TimeSpan? lateness, params string[] files)
    {
        var options = new EmbeddedRunOptions { EventFiles = files, StorePath = _folder.File("store.db") };
        var start = await FollowStart.OpenAsync(options, new FollowOptions { Fresh = true },
            new FileCheckpointStore(FileCheckpointStore.FolderBeside(options.StorePath)), CancellationToken.None);
        var session = new FollowSession(options, start, LookupTables.Empty(), new LatenessRule(lateness), null);
        var writer = start.Store.OpenWriter(storePlays: true);
        session.Open(writer);
        return (session, start, writer);
    }

    [Fact]
    public async Task Each_call_reads_what_was_appended_since_the_last_and_sorts_every_line()
    {
        var log = _folder.Write("a.csv", Play(1, "12:00:00") + "\n");
        var (session, start, writer) = await OpenAsync(TimeSpan.FromMinutes(30), log);
        using (start)
        {
            session.ReadNewLines();
            _folder.Append("a.csv", "1,2,3\n" + Play(2, "12:10:00") + Play(3, "11:29:59") + "partial,no newline");
            session.ReadNewLines();

            Assert.Equal((5L, 1L), (session.Lines, session.BlankLines)); // the unfinished last line waits
            Assert.Equal(2, session.Analytics.Events);
            await session.FlushAsync();
            Assert.Equal(2, start.Store.RowCounts().Plays);
            session.Close();
            await writer.DisposeAsync();
        }

        using var reader = new StoreReader(_folder.File("store.db"));
        Assert.Equal(
            [(DeadLetterReason.FieldCount, 3L, "1,2,3"), (DeadLetterReason.Late, 5L, Play(3, "11:29:59").TrimEnd('\n'))],
            reader.ReadDeadLetters().Select(l => (l.Reason, l.Position.Line, l.RawText)));
        var late = reader.ReadDeadLetters()[1];
        Assert.Equal(Path.GetFullPath(log), Path.GetFullPath(late.Position.Source));
    }

    [Fact]
    public async Task Plays_of_several_files_are_stored_with_their_own_files_line_numbers_and_positions_are_kept_per_file()
    {
        var a = _folder.Write("a.csv", Play(1, "12:00:00") + Play(2, "12:01:00"));
        var b = _folder.Write("b.csv", Play(3, "12:02:00"));
        var (session, start, writer) = await OpenAsync(null, a, b);
        using (start)
        {
            session.ReadNewLines();
            await session.FlushAsync();
            var positions = session.Positions(DateTimeOffset.UnixEpoch);
            Assert.Equal([(Path.GetFullPath(a), 2L), (Path.GetFullPath(b), 1L)], positions.Select(p => (p.Path, p.Line)));
            Assert.Equal(new FileInfo(a).Length + new FileInfo(b).Length, session.Bytes);
            session.Close();
            await writer.DisposeAsync();
        }

        var ids = SqlRows.Read(_folder.File("store.db"), "SELECT event_id FROM plays ORDER BY rowid", r => r.GetInt64(0));
        Assert.Equal([1L, 2L, 3L], ids);
    }
}
