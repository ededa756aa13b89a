using Playstream.Core.Engine;

namespace Playstream.Core.Tests.Engine;

public sealed class PaneRunsTests
{
    private static EnrichedPlay[] Plays(params long[] times) => [.. times.Select(t => new EnrichedPlay { Time = t })];

    private static List<(long Pane, long[] Times)> Runs(EnrichedPlay[] plays, int slide)
    {
        var runs = new List<(long, long[])>();
        foreach (var (pane, run) in new PaneRuns(plays, slide))
            runs.Add((pane, run.ToArray().Select(p => p.Time).ToArray()));
        return runs;
    }

    [Fact]
    public void A_run_ends_at_the_first_play_of_another_pane_its_last_second_included()
    {
        var runs = Runs(Plays(600, 899, 650, 900, 1199, 300), slide: 300);

        Assert.Equal([2L, 3L, 1L], runs.Select(r => r.Pane));
        Assert.Equal([600L, 899L, 650L], runs[0].Times);
        Assert.Equal([900L, 1199L], runs[1].Times);
        Assert.Equal([300L], runs[2].Times); // an earlier pane after a later one starts a run of its own
    }

    [Fact]
    public void Times_before_1970_are_in_the_pane_below_zero()
    {
        var runs = Runs(Plays(-1, -300, -301, 0), slide: 300);
        Assert.Equal([-1L, -2L, 0L], runs.Select(r => r.Pane));
        Assert.Equal([-1L, -300L], runs[0].Times);
        Assert.Equal([-301L], runs[1].Times);
        Assert.Equal([0L], runs[2].Times);
    }

    [Fact]
    public void No_plays_no_runs() => Assert.Empty(Runs([], slide: 300));
}
