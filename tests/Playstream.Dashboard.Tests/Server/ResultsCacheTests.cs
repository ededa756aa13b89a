using Playstream.Core.Operators.Breakdowns;
using Playstream.Dashboard.Server;
using Playstream.Dashboard.Sources;
using Playstream.Embedded.Store;

namespace Playstream.Dashboard.Tests.Server;

/// <summary>The latest results over a real embedded store: reread only when its version moves, and kept when the store cannot be read.</summary>
public sealed class ResultsCacheTests : IDisposable
{
    private const string NotADatabase = "this is not a database, and much longer than its header would need to be to be read as one at all";
    private readonly KnownInput _input = new();

    public void Dispose() => _input.Dispose();

    private void WriteProgress(long events)
    {
        using var reader = new StoreReader(_input.StorePath);
        var results = reader.ReadResults();
        using var store = EmbeddedStore.OpenToResume(_input.StorePath)!;
        store.WriteProgress(results with { Summary = results.Summary with { Events = events } }, BreakdownResults.Empty, new Dictionary<string, string>());
    }

    [Fact]
    public async Task The_view_is_reread_only_when_the_version_moves_and_each_new_version_is_told()
    {
        await _input.RunAsync();
        await using var cache = new ResultsCache(new EmbeddedStoreSource(_input.StorePath), TimeSpan.FromHours(1));

        var first = await cache.CurrentAsync();
        Assert.Equal(KnownInput.Plays, first.Overview().Events);
        Assert.False(await cache.RefreshAsync());
        Assert.Same(first, await cache.CurrentAsync());

        var changed = cache.Changed;
        WriteProgress(61);
        Assert.True(await cache.RefreshAsync());

        Assert.True(changed.IsCompleted);
        Assert.False(cache.Changed.IsCompleted);
        Assert.Equal(61, (await cache.CurrentAsync()).Overview().Events);
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_keeps_the_last_view_and_says_why()
    {
        await _input.RunAsync();
        await using var cache = new ResultsCache(new EmbeddedStoreSource(_input.StorePath), TimeSpan.FromHours(1));
        var view = await cache.CurrentAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_input.StorePath + suffix);
        File.WriteAllText(_input.StorePath, NotADatabase);

        Assert.False(await cache.RefreshAsync());

        Assert.Same(view, await cache.CurrentAsync());
        Assert.NotNull(cache.LastError);
    }

    [Fact]
    public async Task Without_any_view_a_failure_is_the_callers()
    {
        File.WriteAllText(_input.StorePath, NotADatabase);
        await using var cache = new ResultsCache(new EmbeddedStoreSource(_input.StorePath), TimeSpan.FromHours(1));

        await Assert.ThrowsAnyAsync<Exception>(() => cache.CurrentAsync());
        Assert.NotNull(cache.LastError);
    }

    [Fact]
    public async Task Once_started_it_polls_by_itself()
    {
        await _input.RunAsync();
        await using var cache = new ResultsCache(new EmbeddedStoreSource(_input.StorePath), TimeSpan.FromMilliseconds(50));
        await cache.CurrentAsync();
        var changed = cache.Changed;
        cache.Start();

        WriteProgress(62);

        Assert.Same(changed, await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(62, (await cache.CurrentAsync()).Overview().Events);
    }
}
