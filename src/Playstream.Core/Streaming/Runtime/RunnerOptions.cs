namespace Playstream.Core.Streaming.Runtime;

/// <summary>How a <see cref="StreamRunner"/> paces itself.</summary>
public sealed record RunnerOptions
{
    /// <summary>How often tasks commit (and send their partials on).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Run until every partition of the group's topics is consumed to its end and written, by whichever member, then stop.</summary>
    public bool UntilIdle { get; init; }

    /// <summary>With <see cref="UntilIdle"/>: how long with nothing new before the group's progress is checked.</summary>
    public TimeSpan QuietBeforeCheck { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The shortest time between two results writes (a live stream's results follow within about this).</summary>
    public TimeSpan ResultsInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Computing results may take at most 1/(1+this) of the time between two writes: a replay that changes every window each second keeps reading.</summary>
    public double ResultsComputeFactor { get; init; } = 4;

    /// <summary>
    /// After a results write that took W, the next starts no sooner than W times this later: the
    /// results stores share the machine's cores with the readers (Elasticsearch on the same two
    /// cores as the member, say), and a replay that rewrites every window at each write would
    /// otherwise keep them busy without pause. Reading counts as going on while a record came
    /// within <see cref="QuietBeforeCheck"/>. A live stream's writes take milliseconds, so they
    /// still follow <see cref="ResultsInterval"/>.
    /// </summary>
    public double ResultsWriteFactor { get; init; } = 1;

    /// <summary>With <see cref="UntilIdle"/>: how often the group's progress is read once quiet.</summary>
    public TimeSpan GroupCheckInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one poll of the source may wait for records.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>At most this many partials read for one owner at a time.</summary>
    public int PartialsPerRead { get; init; } = 256;

    /// <summary>
    /// A partition whose commit was refused, and that the group still gives this member this long
    /// after (no revoke, no lost session), is claimed again: the store lost its state, or the
    /// member that claimed it no longer holds it. Longer than the group's session timeout, so a
    /// member back from a pause hears of its lost session first.
    /// </summary>
    public TimeSpan ReclaimAfterFenced { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many of the member's tasks run at once, each on a thread of its own (Kafka Streams'
    /// stream threads): taking records, merging partials and cutting commits. Tasks share no
    /// state, so the results do not depend on it.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>The last flush of a stop may wait this long for a server that is down; then the stop goes on without it.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(20);
}
