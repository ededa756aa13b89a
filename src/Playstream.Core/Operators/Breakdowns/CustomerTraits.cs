using System.Globalization;
using System.Runtime.CompilerServices;
using Playstream.Core.Lookups;

namespace Playstream.Core.Operators.Breakdowns;

/// <summary>
/// A customer's membership level and age band as small slots, read once per customer table
/// (not once per play) so the hot path pays one array read. A table is never changed once a
/// pipeline uses it (lookups are replaced by swapping the table), so the traits are cached
/// per table instance.
/// </summary>
public sealed class CustomerTraits
{
    public const int LevelSlots = 4;
    public const int UnknownLevel = 3;
    public const int AgeSlots = 8;
    public const int UnknownAge = 7;

    private static readonly string[] LevelNames = ["free", "silver", "gold", "unknown"];
    private static readonly string[] AgeNames = ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown"];
    private static readonly ConditionalWeakTable<CustomerTable, CustomerTraits> Cache = [];

    // level slot in the low 2 bits, age band above; 0xFF marks "no such customer".
    private readonly byte[] _dense;
    private readonly Dictionary<int, byte> _sparse = [];

    private CustomerTraits(CustomerTable customers)
    {
        var max = -1;
        foreach (var c in customers.All())
            if (c.Id < CustomerTable.DenseLimit)
                max = Math.Max(max, c.Id);
        _dense = new byte[max + 1];
        Array.Fill(_dense, Unknown);
        foreach (var c in customers.All())
        {
            var packed = (byte)(LevelOf(c.Level) | (AgeBandOf(c.Age) << 2));
            if (c.Id < CustomerTable.DenseLimit)
                _dense[c.Id] = packed;
            else
                _sparse[c.Id] = packed;
        }
    }

    /// <summary>Both traits unknown: level 3, age band 7.</summary>
    public const byte Unknown = UnknownLevel | (UnknownAge << 2);

    /// <summary>The traits of a table's customers, computed on first use of the table.</summary>
    public static CustomerTraits Of(CustomerTable customers) => Cache.GetValue(customers, t => new CustomerTraits(t));

    /// <summary>The packed traits of a customer (<see cref="Unknown"/> when not in the table).</summary>
    public byte Packed(int customerId)
    {
        if ((uint)customerId < (uint)_dense.Length)
            return _dense[customerId];
        return _sparse.TryGetValue(customerId, out var packed) ? packed : Unknown;
    }

    public static int LevelSlot(byte packed) => packed & 3;
    public static int AgeSlot(byte packed) => packed >> 2;
    public static string LevelName(int slot) => LevelNames[slot];
    public static string AgeName(int slot) => AgeNames[slot];

    /// <summary>Level 0/1/2 is Free/Silver/Gold; anything else is unknown.</summary>
    public static int LevelOf(string? level) => level?.Trim() switch
    {
        "0" => 0,
        "1" => 1,
        "2" => 2,
        _ => UnknownLevel,
    };

    /// <summary>The band of an age in whole years; a missing or unreadable age is unknown.</summary>
    public static int AgeBandOf(string? age)
    {
        if (!int.TryParse(age?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years) || years > 150)
            return UnknownAge;
        return years switch
        {
            < 18 => 0,
            < 25 => 1,
            < 35 => 2,
            < 45 => 3,
            < 55 => 4,
            < 65 => 5,
            _ => 6,
        };
    }

    /// <summary>The slot of a level or age name, for reading snapshots; -1 when it is not one.</summary>
    public static int LevelSlotOf(string name) => Array.IndexOf(LevelNames, name);
    public static int AgeSlotOf(string name) => Array.IndexOf(AgeNames, name);
}
