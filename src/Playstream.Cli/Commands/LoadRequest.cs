using Playstream.Redis;

namespace Playstream.Cli.Commands;

/// <summary>What <c>playstream load</c> was asked to do.</summary>
internal sealed record LoadRequest(
    LoadKind Kind, string File, RedisOptions Redis, RedisLookupLayout Layout, bool Watch, TimeSpan MaxWait);
