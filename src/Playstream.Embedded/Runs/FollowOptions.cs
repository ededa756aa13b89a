using Playstream.Core.Checkpoints;

namespace Playstream.Embedded.Runs;

/// <summary>How <c>playstream run --follow</c> follows its files, beside what <see cref="EmbeddedRunOptions"/> says.</summary>
public sealed record FollowOptions
{
    /// <summary>How often the results so far are written and checkpointed (when something new was read).</summary>
    public TimeSpan WriteEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// For endless streams: a play this far behind the latest play seen is a dead letter
    /// <c>late</c>, and after each results write the state before the latest play minus this is
    /// evicted, so the state and its checkpoint stay bounded. Null: any lateness, nothing evicted.
    /// </summary>
    public TimeSpan? AllowedLateness { get; init; }

    /// <summary>Ignore a checkpoint and start over with a fresh store.</summary>
    public bool Fresh { get; init; }

    /// <summary>Where checkpoints go; null: files in a folder beside the store.</summary>
    public ICheckpointStore? Checkpoints { get; init; }

    /// <summary>Lines for the user: where the run resumed from, a file read again from its beginning.</summary>
    public Action<string>? Report { get; init; }

    /// <summary>Called after each results write and its checkpoint, with the events counted so far.</summary>
    public Action<long>? OnWrite { get; init; }
}
