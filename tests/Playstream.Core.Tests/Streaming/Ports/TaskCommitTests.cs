using Playstream.Core.Streaming.Ports;

namespace Playstream.Core.Tests.Streaming.Ports;

public sealed class TaskCommitTests
{
    private static readonly TaskProgress Progress = new(10, 4, "1-2", false);

    [Fact]
    public void A_commits_bytes_are_those_of_its_parts_and_a_fixed_64_for_its_progress()
    {
        var commit = new TaskCommit(0, 1, Progress)
        {
            LogEntry = new byte[100],
            WindowSnapshot = new byte[30],
            WindowCursor = "1-2",
            Partials = [(0, new byte[7]), (2, new byte[5])],
        };

        Assert.Equal(100 + 30 + 7 + 5 + 64, commit.Bytes);
        Assert.Equal(64 + 500, (commit with { LogEntry = null, WindowSnapshot = null, Partials = [], Snapshot = new byte[500] }).Bytes);
        Assert.Equal(64, new TaskCommit(3, 9, Progress).Bytes);
    }
}
