using Playstream.Core.Lookups;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Lookups;

public class TrackReaderTests
{
    private static LookupReadResult<TrackTable> Read(string text) => TrackReader.Read(new StringReader(text), "music.csv");

    [Fact]
    public void Reads_plain_and_quoted_rows()
    {
        var result = Read("TrackId,Title,Artist,Length\r\n"
            + "0,Caught Up In You,.38 Special,200\r\n"
            + "1,\"Hello, Goodbye\",\"The Beatles\",\"211\"\r\n"
            + "2,\"  spaced  \",\"Say \"\"Hi\"\"\",3\r\n");
        Assert.Empty(result.Problems);
        Assert.Equal(new Track(0, "Caught Up In You", ".38 Special", 200), result.Table.Get(0));
        Assert.Equal(new Track(1, "Hello, Goodbye", "The Beatles", 211), result.Table.Get(1));
        Assert.Equal(new Track(2, "  spaced  ", "Say \"Hi\"", 3), result.Table.Get(2)); // well-formed values stay as written
    }

    [Fact]
    public void Repairs_broken_quoting_by_a_plain_comma_split()
    {
        var result = Read("TrackId,Title,Artist,Length\n"
            + "326,Helplessly Hoping,\"Crosby,195\n"
            + "119,Silver Blue And Gold, Blue And Gold\",147\n"
            + "5,\"Open,Artist,9\n"
            + "6, Title ,\" Artist \"x,10\n");
        Assert.Empty(result.Problems);
        Assert.Equal(new Track(326, "Helplessly Hoping", "Crosby", 195), result.Table.Get(326));
        Assert.Equal(new Track(119, "Silver Blue And Gold", "Blue And Gold", 147), result.Table.Get(119));
        Assert.Equal(new Track(5, "Open", "Artist", 9), result.Table.Get(5));
        Assert.Equal(new Track(6, "Title", "Artist \"x", 10), result.Table.Get(6)); // only the ends are cleaned
    }

    [Fact]
    public void Reports_and_skips_rows_that_cannot_be_read()
    {
        var result = Read("TrackId,Title,Artist,Length\n"
            + "1,A,B,100\n"
            + "2,\"A,B\",C,1e2\n"        // RFC gives 4 fields but Length is not an integer
            + "3,Title,\"Art,ist,100\n"  // neither reading gives 4 fields
            + "x4,T,A,100\n"
            + "5,T,A,1:40\n"
            + "\n"
            + "6,T,A\n"
            + "\"7\",T,\"A,100\n"        // the plain split keeps TrackId's quotes: not an integer
            + "1,Again,B,101\n");
        Assert.Equal([3L, 4L, 5L, 6L, 8L, 9L, 10L], result.Problems.Select(p => p.Line));
        Assert.Contains("fields", result.Problems[1].Reason);
        Assert.Contains("Length '1e2'", result.Problems[0].Reason);
        Assert.Contains("TrackId 'x4'", result.Problems[2].Reason);
        Assert.Contains("Length '1:40'", result.Problems[3].Reason);
        Assert.Equal("6,T,A", result.Problems[4].RawText);
        Assert.Contains("TrackId '\"7\"'", result.Problems[5].Reason);
        Assert.Contains("again", result.Problems[6].Reason);
        Assert.Equal(1, result.Table.Count);
        Assert.Equal(new Track(1, "Again", "B", 101), result.Table.Get(1));
    }

    [Fact]
    public void Matches_header_columns_in_any_order()
    {
        var result = Read("length,ARTIST,title,trackid\n200,\"Crosby,Helplessly Hoping,326\n");
        Assert.Equal(new Track(326, "Helplessly Hoping", "Crosby", 200), Assert.Single(result.Table.All()));
    }

    [Theory]
    [InlineData("", "tracks file 'music.csv': the file is empty (no header)")]
    [InlineData("TrackId,Title,Length\n1,a,2\n", "tracks file 'music.csv': missing column 'Artist' in header")]
    [InlineData("TrackId,\"Title,Artist,Length\n", "tracks file 'music.csv': the header on line 1 is not valid CSV: the quote opened on line 1 is never closed")]
    public void Throws_one_clear_line_when_the_file_is_unusable(string text, string message) =>
        Assert.Equal(message, Assert.Throws<LookupFileException>(() => Read(text)).Message);

    [Fact]
    public void Throws_for_a_missing_file()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.csv");
        var error = Assert.Throws<LookupFileException>(() => TrackReader.Read(missing));
        Assert.Equal($"tracks file '{missing}': file not found", error.Message);
    }

    [Fact]
    public void Reads_the_fixture_tracks_repairing_the_broken_lines()
    {
        var result = TrackReader.Read(Fixtures.Tracks);
        Assert.Empty(result.Problems);
        Assert.Equal(Fixtures.TrackRows, result.Table.All());
    }

    [SeedDataFact]
    public void Reads_the_seed_tracks_repairing_the_twenty_broken_lines()
    {
        var path = SeedData.File("music.csv");
        var result = TrackReader.Read(path);
        Assert.Empty(result.Problems);
        Assert.Equal(1750, result.Table.Count);
        Assert.Equal(Enumerable.Range(0, 1750), result.Table.All().Select(t => t.Id));

        var broken = File.ReadLines(path).Skip(1).Where(l => l.Contains('"')).Select(l => int.Parse(l.Split(',')[0])).ToList();
        Assert.Equal(20, broken.Count);
        foreach (var id in broken)
        {
            var track = result.Table.Get(id)!;
            Assert.DoesNotContain('"', track.Title + track.Artist);
            Assert.Equal(track.Title.Trim(), track.Title);
            Assert.Equal(track.Artist.Trim(), track.Artist);
            Assert.InRange(track.Length, 120, 359);
        }
        Assert.Equal(new Track(326, "Helplessly Hoping", "Crosby", 195), result.Table.Get(326));
        Assert.Equal(new Track(119, "Silver Blue And Gold", "Blue And Gold", 147), result.Table.Get(119));
        Assert.Equal(new Track(1578, "HELLO I LOVE YOU", "I Love You", 244), result.Table.Get(1578));
        Assert.Equal(new Track(0, "Caught Up In You", ".38 Special", 200), result.Table.Get(0));
    }
}
