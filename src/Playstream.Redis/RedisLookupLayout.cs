namespace Playstream.Redis;

/// <summary>How customers are laid out in Redis.</summary>
public enum RedisLookupLayout
{
    /// <summary><c>playstream:customer:{id}</c> hashes with snake_case fields, listed in <c>playstream:customers</c>.</summary>
    Playstream,

    /// <summary>The original loader's layout: the bare id as the key, mixed-case fields.</summary>
    Original,
}
