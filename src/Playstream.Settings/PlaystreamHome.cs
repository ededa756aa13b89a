namespace Playstream.Settings;

/// <summary>
/// Where playstream keeps its own files (the demo's sample data, the default store, the benchmarks' data):
/// <c>PLAYSTREAM_HOME</c> when set (the launcher sets it to the checkout's <c>.playstream</c>),
/// else <c>.playstream</c> in the current folder.
/// </summary>
public static class PlaystreamHome
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("PLAYSTREAM_HOME") is { Length: > 0 } home ? home : Path.GetFullPath(".playstream");

    public static string DefaultStore => Path.Combine(Directory, "store.db");

    public static string DemoData => Path.Combine(Directory, "demo-data");
}
