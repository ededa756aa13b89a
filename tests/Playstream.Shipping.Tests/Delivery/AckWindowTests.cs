using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Tests.Delivery;

public class AckWindowTests
{
    [Fact]
    public void Position_moves_only_over_a_contiguous_prefix_of_acknowledged_lines()
    {
        // Three lines of 10 bytes each after a start at byte 100.
        var window = new AckWindow(100, capacity: 8);
        Assert.True(window.TryAdd(110, out var first));
        Assert.True(window.TryAdd(120, out var second));
        Assert.True(window.TryAdd(130, out var third));

        window.Acknowledge(second);
        Assert.Equal(100, window.AcknowledgedOffset); // the first line is still out
        window.Acknowledge(third);
        Assert.Equal(100, window.AcknowledgedOffset);
        window.Acknowledge(first);
        Assert.Equal(130, window.AcknowledgedOffset); // all three now
        Assert.Equal(0, window.InFlight);
    }

    [Fact]
    public void Lines_acknowledged_together_move_the_position_as_far_as_one_by_one()
    {
        // Five lines ending at 10, 20, .. 50; a delivery report brings the 2nd, 3rd and 5th, the next the 1st.
        var window = new AckWindow(0, capacity: 8);
        var slots = new int[5];
        for (var i = 0; i < 5; i++)
            Assert.True(window.TryAdd(10 * (i + 1), out slots[i]));

        window.Acknowledge([slots[1], slots[2], slots[4]]);
        Assert.Equal(0, window.AcknowledgedOffset);
        Assert.Equal(5, window.InFlight);
        window.Acknowledge([slots[0]]);
        Assert.Equal(30, window.AcknowledgedOffset); // the 4th is still out
        Assert.Equal(2, window.InFlight);
        window.Acknowledge([slots[3]]);
        Assert.Equal(50, window.AcknowledgedOffset);
        Assert.Equal(0, window.InFlight);
    }

    [Fact]
    public void A_slot_not_in_flight_is_refused_in_a_run_too()
    {
        var window = new AckWindow(0, capacity: 4);
        Assert.True(window.TryAdd(10, out var first));
        window.Acknowledge(first);

        Assert.Throws<ArgumentOutOfRangeException>(() => window.Acknowledge([first]));
    }

    [Fact]
    public void Skipped_bytes_after_a_line_in_flight_count_once_that_line_is_acknowledged()
    {
        var window = new AckWindow(0, capacity: 4);
        window.Skip(1); // a blank line with nothing in flight: acknowledged at once
        Assert.Equal(1, window.AcknowledgedOffset);
        Assert.True(window.TryAdd(10, out var line));
        window.Skip(12); // two blank lines behind the one in flight
        Assert.Equal(1, window.AcknowledgedOffset);
        window.Acknowledge(line);
        Assert.Equal(12, window.AcknowledgedOffset);
    }

    [Fact]
    public void A_full_window_refuses_more_until_its_oldest_line_is_acknowledged()
    {
        var window = new AckWindow(0, capacity: 2);
        Assert.True(window.TryAdd(5, out var a));
        Assert.True(window.TryAdd(9, out var b));
        Assert.False(window.TryAdd(12, out _));
        window.Acknowledge(b); // not the oldest: the ring is still full
        Assert.False(window.TryAdd(12, out _));
        window.Acknowledge(a);
        Assert.True(window.TryAdd(12, out var c));
        Assert.Equal(9, window.AcknowledgedOffset);
        window.Acknowledge(c);
        Assert.Equal(12, window.AcknowledgedOffset);
    }

    [Fact]
    public void Slots_wrap_around_the_ring()
    {
        var window = new AckWindow(0, capacity: 3);
        var end = 0L;
        for (var i = 0; i < 10; i++)
        {
            Assert.True(window.TryAdd(end += 7, out var slot));
            window.Acknowledge(slot);
        }
        Assert.Equal(70, window.AcknowledgedOffset);
    }

    [Fact]
    public void Acknowledging_a_slot_not_in_flight_is_refused()
    {
        var window = new AckWindow(0, capacity: 4);
        Assert.True(window.TryAdd(3, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Acknowledge(2));
    }

    [Fact]
    public void A_line_taken_back_leaves_the_position_where_it_was()
    {
        var window = new AckWindow(0, capacity: 4);
        Assert.True(window.TryAdd(4, out var sent));
        Assert.True(window.TryAdd(9, out var unsent));
        Assert.Throws<ArgumentOutOfRangeException>(() => window.RemoveLast(sent)); // not the last one
        window.RemoveLast(unsent);
        window.Acknowledge(sent);
        Assert.Equal(4, window.AcknowledgedOffset);
        Assert.Equal(0, window.InFlight);
    }
}
