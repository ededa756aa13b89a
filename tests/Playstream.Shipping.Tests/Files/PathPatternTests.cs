using Playstream.Shipping.Files;
using Playstream.TestSupport;

namespace Playstream.Shipping.Tests.Files;

public class PathPatternTests
{
    [Theory]
    [InlineData("*.log", "app.log", true)]
    [InlineData("*.log", "app.log.1", false)]
    [InlineData("app.log*", "app.log.1", true)]
    [InlineData("app.log*", "app.log", true)]
    [InlineData("a?p.log", "app.log", true)]
    [InlineData("a?p.log", "ap.log", false)]
    [InlineData("*a*b*", "xxaxxbxx", true)]
    [InlineData("*a*b", "ab_a", false)]
    [InlineData("log.[0-9]", "log.7", true)]
    [InlineData("log.[0-9]", "log.x", false)]
    [InlineData("log.[!0-9]", "log.x", true)]
    [InlineData("log.[abc]", "log.b", true)]
    [InlineData("log.[]]", "log.]", true)]
    [InlineData("log[", "log[", true)]
    [InlineData("App.log", "app.log", false)]
    public void Names_match_like_a_shell(string pattern, string name, bool expected) =>
        Assert.Equal(expected, PathPattern.NameMatches(pattern, name));

    [Fact]
    public void Expands_to_the_matching_files_in_every_matching_folder_in_path_order()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("host1"));
        Directory.CreateDirectory(folder.File("host2"));
        Directory.CreateDirectory(folder.File("other"));
        File.WriteAllText(folder.File("host2/b.log"), "");
        File.WriteAllText(folder.File("host1/a.log"), "");
        File.WriteAllText(folder.File("host1/a.txt"), "");
        File.WriteAllText(folder.File("other/c.log"), "");
        Directory.CreateDirectory(folder.File("host1/dir.log")); // a folder is not a file

        var pattern = new PathPattern(Path.Combine(folder.Path, "host*", "*.log"));

        Assert.Equal([folder.File("host1/a.log"), folder.File("host2/b.log")], pattern.Expand());
        Assert.False(pattern.IsLiteral);
        Assert.Equal(folder.Path, pattern.WatchFolder);
        Assert.True(pattern.Matches(folder.File("host9/z.log")));
        Assert.False(pattern.Matches(folder.File("other/c.log")));
    }

    [Fact]
    public void A_literal_path_names_one_file_which_may_not_exist_yet()
    {
        using var folder = new TempFolder();
        var pattern = new PathPattern(folder.File("later.log"));
        Assert.True(pattern.IsLiteral);
        Assert.Empty(pattern.Expand());
        folder.Write("later.log", "x\n");
        Assert.Equal([folder.File("later.log")], pattern.Expand());
        Assert.Equal(folder.Path, pattern.WatchFolder);
    }
}
