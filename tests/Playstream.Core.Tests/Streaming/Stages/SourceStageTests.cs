using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Streaming;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming.Stages;

public class SourceStageTests
{
    [Fact]
    public async Task Records_are_read_as_lines_of_a_file_are_one_carriage_return_being_the_terminators()
    {
        const string play = "1,48,453,2014-10-23 03:26:20,0,\"72132\"";
        using var driver = new TopologyTestDriver(new TopologySettings { Topic = "plays", Partitions = 1 }, LookupTables.Empty());
        // A shipper sends a CRLF line without its '\n': the '\r' comes with it.
        string[] records = [play + "\r", "\r", "  \t\r", "", "1,2,3\r", "1,2,3\r\r", play + "\r\r", "x"];
        foreach (var record in records)
            driver.Pipe(0, record);
        driver.Join("a");
        await driver.RunUntilIdleAsync();

        Assert.Equal(1, driver.Results.Results().Summary.Events);
        Assert.Equal(
            [
                (DeadLetterReason.FieldCount, 4L, "1,2,3"),
                (DeadLetterReason.FieldCount, 5L, "1,2,3\r"),
                (DeadLetterReason.BadQuoting, 6L, play + "\r"), // text after the zip's closing quote
                (DeadLetterReason.FieldCount, 7L, "x"),
            ],
            driver.DeadLetters.Letters.Select(l => (l.Reason, l.Position.Line, l.RawText)).OrderBy(l => l.Item2));
    }
}
