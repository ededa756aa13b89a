using System.Text;
using Playstream.Shipping.Sinks;

namespace Playstream.Shipping.Tests.Sinks;

public class RubyDebugFormatTests
{
    [Fact]
    public void A_good_line_shows_its_fields_with_names_right_aligned()
    {
        var text = RubyDebugFormat.Format(Encoding.UTF8.GetBytes("7,42,9,2014-10-01 10:00:00,1,\"1 2\""), "/x/a.log", 0x00ff00ff00ff00ffUL, 35);
        var expected =
            "{\n" +
            "               \"message\" => \"7,42,9,2014-10-01 10:00:00,1,\\\"1 2\\\"\"\n" +
            "                  \"path\" => \"/x/a.log\"\n" +
            "                \"offset\" => 35\n" +
            "                   \"key\" => \"42@AD_AP8A_wD_j\"\n" +
            "              \"event_id\" => 7\n" +
            "           \"customer_id\" => 42\n" +
            "              \"track_id\" => 9\n" +
            "              \"datetime\" => \"2014-10-01 10:00:00\"\n" +
            "              \"ismobile\" => 1\n" +
            "    \"listening_zip_code\" => \"1 2\"\n" +
            "}\n";
        Assert.Equal(expected, text);
    }

    [Fact]
    public void A_broken_line_shows_a_key_with_no_customer_and_its_dead_letter_reason()
    {
        var text = RubyDebugFormat.Format("1,x,2"u8, "a", 1, 0);
        Assert.Contains("\"key\" => \"@AAAAAAAAAABA\"", text);
        Assert.Contains("\"dead_letter\" => \"field_count\"", text);
    }
}
