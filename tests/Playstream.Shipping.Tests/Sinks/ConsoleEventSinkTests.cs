using System.Text;
using Playstream.Shipping.Delivery;
using Playstream.Shipping.Sinks;

namespace Playstream.Shipping.Tests.Sinks;

public sealed class ConsoleEventSinkTests
{
    [Fact]
    public void Each_line_is_printed_as_its_event_and_acknowledged_in_its_window_at_once()
    {
        using var output = new StringWriter();
        using var sink = new ConsoleEventSink(output);
        var window = new AckWindow(startOffset: 100);
        var lines = new[] { "7,42,9,2014-10-01 10:00:00,1,\"1 2\"", "8,x,1" };
        var offset = 100L;
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.True(window.TryAdd(offset + bytes.Length + 1, out var slot));
            Assert.True(sink.Send(bytes, "/x/a.log", 0xabcUL, offset, window, slot, CancellationToken.None));
            Assert.Equal(offset + bytes.Length + 1, window.AcknowledgedOffset);
            offset += bytes.Length + 1;
        }

        Assert.Equal(2, sink.Acknowledged);
        Assert.Equal(0, window.InFlight);
        var expected = RubyDebugFormat.Format(Encoding.UTF8.GetBytes(lines[0]), "/x/a.log", 0xabcUL, 100)
            + RubyDebugFormat.Format(Encoding.UTF8.GetBytes(lines[1]), "/x/a.log", 0xabcUL, 100 + lines[0].Length + 1);
        Assert.Equal(expected, output.ToString());
        Assert.True(sink.Flush(TimeSpan.Zero));
        Assert.Null(sink.Failure);
        Assert.Null(sink.Trouble);
    }
}
