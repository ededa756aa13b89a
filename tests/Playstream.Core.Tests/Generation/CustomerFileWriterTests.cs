using System.Globalization;
using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class CustomerFileWriterTests
{
    private static readonly GeneratorOptions Options = new() { Customers = 5000, Seed = 3 };

    private static string[] Lines() => TestCsv.Lines(DataGeneratorTests.Bytes(new DataGenerator(Options).WriteCustomers));

    [Fact]
    public void Header_is_the_seed_header_plus_age()
    {
        Assert.Equal("CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps,Age", Lines()[0]);
    }

    [Fact]
    public void Rows_are_quoted_like_the_seed_file()
    {
        // Seed style: 0,"Gregory Koval",0,"13004 Easy Cider Point","72132","06/04/2013",1,1,1,0
        var row = Lines()[1];
        var raw = row.Split(',');
        Assert.Equal(11, raw.Length);
        foreach (var i in new[] { 1, 3, 4, 5 })
            Assert.True(raw[i].StartsWith('"') && raw[i].EndsWith('"'), $"field {i} should be quoted: {row}");
        foreach (var i in new[] { 0, 2, 6, 7, 8, 9, 10 })
            Assert.DoesNotContain('"', raw[i]);
    }

    [Fact]
    public void Every_field_has_a_plausible_value()
    {
        var rows = Lines().Skip(1).Select(TestCsv.Split).ToList();
        Assert.Equal(Options.Customers, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var f = rows[i];
            Assert.Equal(11, f.Count);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), f[0]);
            Assert.Matches(@"^[A-Z][a-z]+ [A-Z][a-z]+$", f[1]);
            Assert.True(f[2] is "0" or "1");
            Assert.Matches(@"^\d+ [A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+$", f[3]);
            Assert.Matches(@"^\d{5}$", f[4]);
            var signed = DateTime.ParseExact(f[5], "MM/dd/yyyy", CultureInfo.InvariantCulture);
            Assert.True(signed < Options.Start && signed > Options.Start.AddYears(-4), f[5]);
            Assert.True(f[6] is "0" or "1");
            Assert.True(f[7] is "0" or "1" or "2");
            Assert.InRange(int.Parse(f[8]), 1, 4);
            Assert.True(f[9] is "0" or "1");
            Assert.InRange(int.Parse(f[10]), 18, 75);
        }
    }

    [Fact]
    public void Shares_of_gender_status_and_level_look_like_the_seed()
    {
        var rows = Lines().Skip(1).Select(TestCsv.Split).ToList();
        double Share(Func<List<string>, bool> test) => rows.Count(test) / (double)rows.Count;
        Assert.InRange(Share(f => f[2] == "0"), 0.55, 0.65);
        Assert.True(Share(f => f[6] == "1") > 0.85);
        var free = Share(f => f[7] == "0");
        var silver = Share(f => f[7] == "1");
        var gold = Share(f => f[7] == "2");
        Assert.True(free > silver && silver > gold && gold > 0.02, $"levels {free:F2}/{silver:F2}/{gold:F2}");
        for (var campaign = 1; campaign <= 4; campaign++)
            Assert.True(Share(f => f[8] == campaign.ToString(CultureInfo.InvariantCulture)) > 0.1);
        Assert.InRange(Share(f => f[9] == "1"), 0.2, 0.8);
    }

    [Fact]
    public void Names_and_zips_vary()
    {
        var rows = Lines().Skip(1).Select(TestCsv.Split).ToList();
        Assert.True(rows.Select(f => f[1]).Distinct().Count() > rows.Count / 2);
        Assert.True(rows.Select(f => f[4]).Distinct().Count() > rows.Count / 2);
    }
}
