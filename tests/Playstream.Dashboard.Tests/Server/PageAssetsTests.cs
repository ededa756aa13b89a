using Playstream.Dashboard.Server;

namespace Playstream.Dashboard.Tests.Server;

public sealed class PageAssetsTests
{
    [Fact]
    public void The_built_page_is_inside_the_assembly_and_its_scripts_with_it()
    {
        Assert.True(PageAssets.Exists("index.html"));
        using var page = new StreamReader(PageAssets.Open("index.html")!);
        var html = page.ReadToEnd();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        // Every script and style the page links to is there too: nothing comes from the internet.
        var linked = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"/(assets/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(linked);
        Assert.All(linked, asset => Assert.True(PageAssets.Exists(asset), asset));
        Assert.False(PageAssets.Exists("assets/no-such.js"));
        Assert.Null(PageAssets.Open("no-such.html"));
    }

    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("assets/app-1a2b.js", "text/javascript; charset=utf-8")]
    [InlineData("assets/app.css", "text/css; charset=utf-8")]
    [InlineData("logo.svg", "image/svg+xml")]
    [InlineData("favicon.ico", "image/x-icon")]
    [InlineData("data.json", "application/json")]
    [InlineData("archive.tar", "application/octet-stream")]
    public void Each_kind_of_file_has_its_content_type(string path, string type) => Assert.Equal(type, PageAssets.ContentType(path));
}
