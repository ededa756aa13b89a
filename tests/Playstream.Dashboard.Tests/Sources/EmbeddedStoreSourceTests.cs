using Playstream.Dashboard.Api;
using Playstream.Dashboard.Sources;

namespace Playstream.Dashboard.Tests.Sources;

public class EmbeddedStoreSourceTests
{
    [Theory]
    [InlineData("/home/ann/music/.playstream/store.db", "/home/ann/music", ".playstream/store.db")]
    [InlineData("/home/ann/music/store.db", "/home/ann/music", "store.db")]
    [InlineData("/home/ann/music/store.db", "/home/ann/music/", "store.db")]
    [InlineData("/srv/stores/store.db", "/home/ann/music", "/srv/stores/store.db")]
    [InlineData("/home/ann/music-2/store.db", "/home/ann/music", "/home/ann/music-2/store.db")]
    [InlineData("/store.db", "/", "store.db")]
    public void The_page_names_a_store_inside_the_current_folder_relative_to_it_and_any_other_in_full(string store, string folder, string shown) =>
        Assert.Equal(shown, EmbeddedStoreSource.PathShown(store, folder));

    [Fact]
    public async Task The_status_names_the_store_as_shown_while_reading_it_by_its_full_path()
    {
        var relative = Path.Combine("no-such-folder-" + Guid.NewGuid().ToString("N"), "store.db");
        var source = new EmbeddedStoreSource(relative);

        var status = (await source.LoadAsync()).Status;

        Assert.Equal(relative, status.Source);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), relative), source.StorePath);
    }

    [Fact]
    public async Task A_missing_store_says_what_to_run()
    {
        var source = new EmbeddedStoreSource(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "store.db"));
        var view = new DashboardView(await source.LoadAsync(), await source.VersionAsync());

        var overview = view.Overview();
        Assert.Equal("missing", overview.State);
        Assert.Contains("playstream demo", overview.Hint, StringComparison.Ordinal);
        Assert.Equal(0, overview.Events);
        Assert.Null(view.TopTracks(null).Start);
        Assert.Empty(view.Activity().Start);
    }
}
