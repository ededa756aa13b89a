using System.Text;
using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class EventLineFormatterTests
{
    private static long Unix(int y, int mo, int d, int h, int mi, int s) =>
        new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).ToUnixTimeSeconds();

    private static string Format(EventLineFormatter formatter, long id, int customer, int track, long time, bool mobile, int zip)
    {
        var buffer = new byte[EventLineFormatter.MaxLineLength];
        var n = formatter.Format(buffer, id, customer, track, time, mobile, zip);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    [Fact]
    public void Reproduces_a_line_of_the_original_live_log()
    {
        var line = Format(new EventLineFormatter(), 0, 48, 453, Unix(2014, 10, 23, 3, 26, 20), false, 72132);
        Assert.Equal("0,48,453,\"2014-10-23 03:26:20\",0,\"72132\"\n", line);
    }

    [Fact]
    public void Pads_zips_to_five_digits_and_writes_mobile_as_one()
    {
        var line = Format(new EventLineFormatter(), 1234567890123, 4999, 0, Unix(2014, 12, 31, 23, 59, 59), true, 1001);
        Assert.Equal("1234567890123,4999,0,\"2014-12-31 23:59:59\",1,\"01001\"\n", line);
    }

    [Fact]
    public void Times_stay_right_across_minute_changes_and_going_back()
    {
        // The formatter caches the minute; jumping around must not leave a stale prefix.
        var formatter = new EventLineFormatter();
        long[] times = [Unix(2014, 10, 1, 0, 0, 59), Unix(2014, 10, 1, 0, 1, 0), Unix(2014, 10, 1, 0, 0, 30), Unix(2015, 1, 1, 0, 0, 0)];
        string[] expected = ["2014-10-01 00:00:59", "2014-10-01 00:01:00", "2014-10-01 00:00:30", "2015-01-01 00:00:00"];
        for (var i = 0; i < times.Length; i++)
            Assert.Contains($"\"{expected[i]}\"", Format(formatter, i, 1, 1, times[i], false, 12345));
    }

    [Fact]
    public void Times_before_the_epoch_format_correctly()
    {
        var buffer = new byte[19];
        new EventLineFormatter().FormatTime(buffer, Unix(1969, 12, 31, 23, 59, 58));
        Assert.Equal("1969-12-31 23:59:58", Encoding.UTF8.GetString(buffer));
    }
}
