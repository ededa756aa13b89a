using System.Globalization;
using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class TrackFileWriterTests
{
    private static readonly GeneratorOptions Options = new() { Tracks = 1750, Seed = 11 };

    private static string[] Lines() => TestCsv.Lines(DataGeneratorTests.Bytes(new DataGenerator(Options).WriteTracks));

    [Fact]
    public void Header_is_the_seed_header()
    {
        Assert.Equal("TrackId,Title,Artist,Length", Lines()[0]);
    }

    [Fact]
    public void Every_row_reads_as_four_rfc4180_fields_with_plausible_values()
    {
        var rows = Lines().Skip(1).Select(TestCsv.Split).ToList();
        Assert.Equal(Options.Tracks, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var f = rows[i];
            Assert.Equal(4, f.Count);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), f[0]);
            Assert.False(string.IsNullOrWhiteSpace(f[1]));
            Assert.False(string.IsNullOrWhiteSpace(f[2]));
            Assert.Equal(f[1].Trim(), f[1]);
            Assert.InRange(int.Parse(f[3]), 120, 359);
        }
    }

    [Fact]
    public void Fields_are_unquoted_except_where_a_comma_needs_quotes()
    {
        var lines = Lines().Skip(1).ToList();
        var withComma = 0;
        foreach (var line in lines)
        {
            var f = TestCsv.Split(line);
            var expected = string.Join(",", f[0], Quote(f[1]), Quote(f[2]), f[3]);
            Assert.Equal(expected, line);
            if (f[1].Contains(',') || f[2].Contains(','))
                withComma++;
        }
        Assert.True(withComma > 0, "the catalogue should include names with commas, to exercise quoting");

        static string Quote(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    [Fact]
    public void Tracks_are_grouped_by_artist_in_name_order()
    {
        var artists = Lines().Skip(1).Select(l => TestCsv.Split(l)[2]).ToList();
        var runs = new List<string>();
        foreach (var artist in artists)
            if (runs.Count == 0 || runs[^1] != artist)
                runs.Add(artist);
        Assert.Equal(runs.Distinct().Count(), runs.Count);            // each artist is one run of ids
        Assert.Equal(runs.Order(StringComparer.Ordinal), runs);        // runs in name order
        Assert.True(runs.Count > 50, $"only {runs.Count} artists");
    }

    [Fact]
    public void Lengths_centre_on_three_to_four_minutes()
    {
        var lengths = Lines().Skip(1).Select(l => int.Parse(TestCsv.Split(l)[3])).ToList();
        var middle = lengths.Count(x => x is >= 180 and <= 300) / (double)lengths.Count;
        Assert.True(middle > 0.6, $"{middle:P0} of lengths within 3-5 minutes");
        Assert.True(lengths.Min() < 150 && lengths.Max() > 330);
    }
}
