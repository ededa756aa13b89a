using Playstream.Dashboard.Api;
using Playstream.Dashboard.Sources;

namespace Playstream.Dashboard.Tests.Server;

public class EmptyStoreTests
{
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
