using Playstream.Cli.Commands;
using Playstream.Core.Engine;
using Playstream.Redis;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary>What <c>playstream load</c> refuses before it loads anything (loading itself is tested against Redis in the integration tests).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LoadRunnerTests
{
    private static LoadRequest Request(LoadKind kind, string file, RedisLookupLayout layout = RedisLookupLayout.Playstream, string endpoint = "127.0.0.1:1") =>
        new(kind, file, new RedisOptions { Endpoint = endpoint, ConnectTimeout = TimeSpan.FromMilliseconds(300) }, layout, Watch: false, MaxWait: TimeSpan.Zero);

    [Fact]
    public void Tracks_in_the_original_layout_are_refused_naming_the_option()
    {
        var e = Assert.Throws<SettingsException>(() => LoadRunner.Run(Request(LoadKind.Tracks, "music.csv", RedisLookupLayout.Original)));
        Assert.Equal("--layout original: the original loader wrote customers only; tracks always use the playstream layout", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named_before_redis_is_asked()
    {
        using var folder = new TempFolder();
        var missing = folder.File("cust.csv");
        var e = Assert.Throws<FileNotFoundException>(() => LoadRunner.Run(Request(LoadKind.Customers, missing)));
        Assert.Equal($"customer file '{missing}' does not exist", e.Message);
    }

    [Fact]
    public void A_redis_that_does_not_answer_in_time_fails_the_load_saying_where_and_what_to_do()
    {
        using var folder = new TempFolder();
        var file = folder.Write("cust.csv", "CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps\n1,A,0,x,1,d,1,0,1,0\n");
        var port = FreePort.Next();
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = LoadRunner.Run(Request(LoadKind.Customers, file, endpoint: $"127.0.0.1:{port}"));
        }
        finally
        {
            Console.SetError(before);
        }

        Assert.Equal(1, code);
        Assert.Contains($"playstream: gave up on Redis at 127.0.0.1:{port} after 0 s; is it running (stack/stack.sh up)", error.ToString(), StringComparison.Ordinal);
    }
}
