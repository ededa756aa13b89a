namespace Playstream.Shipping;

/// <summary>How a shipping run ended.</summary>
/// <param name="LinesSent">Lines sent (blank lines are not).</param>
/// <param name="LinesAcknowledged">Lines Kafka acknowledged.</param>
/// <param name="BytesSent">Bytes of the lines sent, newlines included.</param>
/// <param name="BlankLines">Blank lines passed over.</param>
/// <param name="Files">Files followed during the run.</param>
/// <param name="FilesStartedOver">Truncations seen.</param>
/// <param name="AllAcknowledged">Whether everything sent was acknowledged before the end (a restart then sends nothing twice).</param>
/// <param name="Failure">Why shipping stopped, when it stopped on an error.</param>
/// <param name="UnfinishedLines">Files whose last line had no newline yet: left for a later run.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record ShipResult(
    long LinesSent,
    long LinesAcknowledged,
    long BytesSent,
    long BlankLines,
    int Files,
    long FilesStartedOver,
    bool AllAcknowledged,
    string? Failure,
    IReadOnlyList<string> UnfinishedLines,
    TimeSpan Elapsed);
