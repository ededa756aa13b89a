using Playstream.Core.Streaming.Runtime;

namespace Playstream.Core.Tests.Streaming.Runtime;

public class ResultsCadenceTests
{
    private static readonly RunnerOptions Options = new()
    {
        ResultsInterval = TimeSpan.FromMilliseconds(200),
        ResultsComputeFactor = 4,
        ResultsWriteFactor = 1,
    };

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Reading at 100,000 records a second; a write started at 10 s computed for 0.1 s and ended at 13 s, having taken 2 s.</summary>
    private static ResultsCadence AfterATwoSecondWrite()
    {
        var cadence = new ResultsCadence(Options);
        cadence.Took(0, S(0));
        cadence.Took(100_000, S(1));
        cadence.Started(S(10), S(0.1));
        cadence.Written(S(13), S(2));
        return cadence;
    }

    [Fact]
    public void The_first_write_is_due_at_once_and_the_next_not_within_the_interval()
    {
        var cadence = new ResultsCadence(Options);
        Assert.True(cadence.IsDue(S(0), reading: true, backlog: null));

        cadence.Started(S(0), TimeSpan.Zero);
        cadence.Written(S(0.01), S(0.01));

        Assert.False(cadence.IsDue(S(0.19), reading: false, backlog: null));
        Assert.True(cadence.IsDue(S(0.2), reading: false, backlog: null));
    }

    [Fact]
    public void While_reading_the_stores_rest_as_long_as_their_last_write_took_and_computing_keeps_to_a_fifth()
    {
        var cadence = AfterATwoSecondWrite();

        Assert.False(cadence.IsDue(S(14.99), reading: true, backlog: null)); // written at 13 s + 2 s of rest
        Assert.True(cadence.IsDue(S(15), reading: true, backlog: null));

        var computing = new ResultsCadence(Options);
        computing.Started(S(0), S(1)); // 1 s computing, then 4 s of reading before the next
        computing.Written(S(1.1), S(0.1));
        Assert.False(computing.IsDue(S(4.99), reading: true, backlog: null));
        Assert.True(computing.IsDue(S(5), reading: true, backlog: null));
    }

    [Fact]
    public void Once_reading_stops_a_write_is_due_whatever_the_rest()
    {
        var cadence = AfterATwoSecondWrite();

        Assert.True(cadence.IsDue(S(13.5), reading: false, backlog: 50_000));
    }

    [Fact]
    public void A_backlog_read_sooner_than_the_last_write_took_is_waited_for_at_most_that_long()
    {
        var cadence = AfterATwoSecondWrite();

        // 150,000 records at 100,000 a second: read in 1.5 s, less than the 2 s the last write took.
        Assert.False(cadence.IsDue(S(15), reading: true, backlog: 150_000));
        Assert.False(cadence.IsDue(S(16.99), reading: true, backlog: 150_000));
        Assert.True(cadence.IsDue(S(17), reading: true, backlog: 150_000)); // due at 15 s, waited 2 s
    }

    [Fact]
    public void An_empty_backlog_is_waited_for_too_as_what_was_sent_on_still_comes_back()
    {
        var cadence = AfterATwoSecondWrite();

        Assert.False(cadence.IsDue(S(15), reading: true, backlog: 0));
        Assert.True(cadence.IsDue(S(17), reading: true, backlog: 0));
    }

    [Fact]
    public void A_write_is_not_held_back_for_a_backlog_longer_than_the_last_write_or_unknown()
    {
        var cadence = AfterATwoSecondWrite();

        // 250,000 records: 2.5 s of reading, more than the write took, so a write now is worth it.
        Assert.True(cadence.IsDue(S(15), reading: true, backlog: 250_000));
        Assert.True(cadence.IsDue(S(15), reading: true, backlog: null));
    }

    [Fact]
    public void A_live_streams_writes_still_follow_the_interval_as_their_short_wait_is_over_before_it()
    {
        var cadence = new ResultsCadence(Options);
        cadence.Took(0, S(0));
        cadence.Took(5_000, S(1));
        cadence.Started(S(1), S(0.001));
        cadence.Written(S(1.02), S(0.02)); // rest until 1.04 s, and a wait of at most 20 ms after that

        Assert.False(cadence.IsDue(S(1.19), reading: true, backlog: 3));
        Assert.True(cadence.IsDue(S(1.2), reading: true, backlog: 3));
    }

    [Fact]
    public void The_reading_rate_is_taken_over_spans_of_a_second_or_more()
    {
        var cadence = new ResultsCadence(Options);
        cadence.Took(0, S(0));
        cadence.Took(30_000, S(0.5));
        Assert.Equal(0, cadence.RecordsPerSecond);

        cadence.Took(30_000, S(1.5)); // 60,000 over 1.5 s
        Assert.Equal(40_000, cadence.RecordsPerSecond, precision: 6);

        cadence.Took(10_000, S(2.0)); // a half-second span does not replace it
        Assert.Equal(40_000, cadence.RecordsPerSecond, precision: 6);
    }
}
