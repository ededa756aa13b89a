namespace Playstream.Core.Lookups;

/// <summary>
/// Interns gender codes to small slots so that per-gender state is an array index, not a
/// string lookup, on the hot path. Slot 0 is <c>unknown</c> (an unknown customer, or an
/// empty code). Append-only and process-wide, so a slot never changes meaning while a
/// pipeline runs; snapshots and merges carry the code text, never the slot.
/// </summary>
public static class GenderCodes
{
    public const string Unknown = "unknown";
    public const byte UnknownSlot = 0;
    /// <summary>More distinct codes than this is a sign of a wrong column, not of real genders.</summary>
    public const int MaxSlots = 64;

    private static readonly Lock Gate = new();
    private static string[] _names = [Unknown];

    /// <summary>How many slots exist now (including <c>unknown</c>).</summary>
    public static int Count => Volatile.Read(ref _names).Length;

    /// <summary>The code text of a slot.</summary>
    public static string Name(int slot) => Volatile.Read(ref _names)[slot];

    /// <summary>The slot of a code, adding it when new.</summary>
    public static byte Slot(string code)
    {
        code = code.Trim();
        if (code.Length == 0 || code == Unknown)
            return UnknownSlot;
        var names = Volatile.Read(ref _names);
        for (var i = 1; i < names.Length; i++)
            if (names[i] == code)
                return (byte)i;
        lock (Gate)
        {
            names = _names;
            for (var i = 1; i < names.Length; i++)
                if (names[i] == code)
                    return (byte)i;
            if (names.Length >= MaxSlots)
                throw new InvalidDataException($"more than {MaxSlots - 1} distinct gender codes; is the Gender column right?");
            Volatile.Write(ref _names, [.. names, code]);
            return (byte)names.Length;
        }
    }
}
