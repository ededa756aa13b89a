using Playstream.Core.Streaming.Stages;

namespace Playstream.Core.Streaming.Runtime;

/// <summary>
/// A flush that is cut but not yet committed: its commits wait for the plays before them to be
/// stored (see <see cref="StreamRunner"/>), while the member reads on. <see cref="Tasks"/> are the
/// tasks cut, in the order of <see cref="Written"/>'s answers; <see cref="Positions"/> are every
/// task's positions at the cut, the ones a commit makes safe to report.
/// </summary>
internal sealed record PendingFlush(
    Task<IReadOnlyList<bool>> Written,
    IReadOnlyList<StreamTask> Tasks,
    IReadOnlyList<(StreamTask Task, long Input, long Repartition)> Positions,
    TimeSpan Started,
    long Bytes);
