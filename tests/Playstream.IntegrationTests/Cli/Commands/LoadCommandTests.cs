using Playstream.Core.Lookups;
using Playstream.IntegrationTests.Redis;
using Playstream.Redis;
using Playstream.TestSupport;
using StackExchange.Redis;

namespace Playstream.IntegrationTests.Cli.Commands;

/// <summary><c>playstream load</c> as a process against the real Redis: once, and with <c>--watch</c> on every change.</summary>
[Collection(RedisCollection.Name)]
// xunit disposes the folder through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class LoadCommandTests(RedisServer redis) : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Header = "CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps\n";
    private readonly string _prefix = RedisServer.NewPrefix();
    private readonly TempFolder _folder = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _folder.Dispose();
        await redis.DeletePrefixAsync(_prefix);
    }

    private string[] Connection => ["--redis", redis.Options(_prefix).Endpoint, "--redis-prefix", _prefix];

    [Fact]
    public async Task A_file_is_loaded_once_with_its_counts_and_skipped_lines_said()
    {
        var file = _folder.Write("cust.csv", Header + "1,Ann,0,x,1,d,1,0,1,0\n2,Bo,1,y,2,d,1,2,1,0\nbad,Cy,1,z,3,d,1,2,1,0\n");

        var load = CliProcess.Run(_folder.Path, ["load", "customers", file, .. Connection]);

        Assert.True(load.ExitCode == 0, load.Error + load.Output);
        Assert.Matches($@"^loaded 2 customers into Redis at .*; removed 0; skipped 1 lines; lookups version \d+\s*$", load.Output);
        Assert.Contains("skipped line 4: ", load.Error, StringComparison.Ordinal);
        var keys = new RedisKeys(_prefix);
        Assert.Equal([1, 2], (await redis.Db.SetMembersAsync(keys.CustomerIds)).Select(v => (int)v).Order());
        Assert.Equal("Bo", (string?)await redis.Db.HashGetAsync(keys.Customer(2), CustomerHash.Name));
    }

    [Fact]
    public void Tracks_cannot_use_the_original_layout()
    {
        var file = _folder.Write("music.csv", "TrackId,Title,Artist,Length\n1,a,b,2\n");
        var load = CliProcess.Run(_folder.Path, ["load", "tracks", file, "--layout", "original", .. Connection]);

        Assert.Equal(2, load.ExitCode);
        Assert.StartsWith("playstream: --layout original:", load.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_watch_every_change_is_loaded_again_and_a_stop_ends_it_cleanly()
    {
        var file = _folder.Write("cust.csv", Header + "1,Ann,0,x,1,d,1,0,1,0\n2,Bo,1,y,2,d,1,2,1,0\n");
        using var load = new RunningCli(_folder.Path, ["load", "customers", file, "--watch", .. Connection]);
        load.WaitForLine("loaded 2 customers");
        load.WaitForLine("Ctrl-C stops"); // watching from now on

        _folder.Write("cust.csv", Header + "2,Bob,1,y,2,d,1,2,1,0\n3,Cy,0,z,3,d,1,1,1,0\n");

        load.WaitForLine(l => l.StartsWith("loaded 2 customers", StringComparison.Ordinal) && l.Contains("removed 1;", StringComparison.Ordinal));
        var keys = new RedisKeys(_prefix);
        Assert.Equal([2, 3], (await redis.Db.SetMembersAsync(keys.CustomerIds)).Select(v => (int)v).Order());
        Assert.Equal("Bob", (string?)await redis.Db.HashGetAsync(keys.Customer(2), CustomerHash.Name));
        Assert.False(await redis.Db.KeyExistsAsync(keys.Customer(1)));

        load.Terminate(TimeSpan.FromSeconds(30));
        Assert.Equal(0, load.ExitCode);
        Assert.Contains("stopped watching", load.Output, StringComparison.Ordinal);
    }
}
