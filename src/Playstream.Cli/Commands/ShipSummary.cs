using System.Globalization;
using Playstream.Shipping;

namespace Playstream.Cli.Commands;

/// <summary>What a shipping run did, printed when it ends.</summary>
internal static class ShipSummary
{
    public static void Write(TextWriter output, ShipResult result, string topic, string? positionsFile)
    {
        var seconds = Math.Max(result.Elapsed.TotalSeconds, 1e-3);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"shipped {result.LinesSent:N0} lines ({ShipStatusLine.Bytes(result.BytesSent)}) from {result.Files} file(s) to {topic} in {seconds:F2} s: {result.LinesSent / seconds:N0} lines/s"));
        output.WriteLine(string.Create(c,
            $"acknowledged {result.LinesAcknowledged:N0}; blank lines passed over {result.BlankLines:N0}; truncations {result.FilesStartedOver:N0}"));
        foreach (var path in result.UnfinishedLines)
            output.WriteLine($"left for later: the last line of {path} has no newline yet");
        if (positionsFile is not null)
        {
            output.WriteLine(result.AllAcknowledged
                ? $"positions saved in {positionsFile}: everything sent was acknowledged, a restart sends nothing twice"
                : $"positions saved in {positionsFile}: lines not acknowledged will be sent again on restart");
        }
        if (result.Failure is not null)
            output.WriteLine($"stopped: {result.Failure}");
    }
}
