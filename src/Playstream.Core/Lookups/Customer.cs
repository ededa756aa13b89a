namespace Playstream.Core.Lookups;

/// <summary>
/// A row of the customer file. Values are kept as the file wrote them (a code stays a code);
/// <see cref="GenderSlot"/> is the interned gender code the operators key on.
/// </summary>
public sealed record Customer(
    int Id,
    string Name,
    string Gender,
    string Address,
    string Zip,
    string SignDate,
    string Status,
    string Level,
    string Campaign,
    string LinkedWithApps,
    string? Age)
{
    /// <summary>The gender code interned by <see cref="GenderCodes"/>; never 0 (that is "unknown").</summary>
    public byte GenderSlot { get; } = GenderCodes.Slot(Gender);
}
