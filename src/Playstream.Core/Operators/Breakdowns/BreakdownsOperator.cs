using System.Runtime.CompilerServices;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Shared;
using Playstream.Core.Windows;

namespace Playstream.Core.Operators.Breakdowns;

/// <summary>
/// Plays per activity pane by gender, membership level and age band, and plays per listening
/// zip code. Each dimension keeps one count array per value, indexed by pane slot, so a play
/// is three array increments and one hash-table bump; arrays are allocated when a value is
/// first seen or the panes outgrow them, never per play.
/// </summary>
public sealed class BreakdownsOperator
{
    private const byte GenderDimension = 0, LevelDimension = 1, AgeDimension = 2;

    private readonly AnalyticsSettings _settings;
    private readonly int _slide;
    private readonly PaneSlots _panes = new();
    private readonly long[]?[] _gender = new long[GenderCodes.MaxSlots][];
    private readonly long[]?[] _level = new long[CustomerTraits.LevelSlots][];
    private readonly long[]?[] _age = new long[CustomerTraits.AgeSlots][];
    private readonly IntCountMap _zips = new(1024);
    private int _capacity = 64;

    public BreakdownsOperator(AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _slide = settings.ActivitySlideSeconds;
    }

    /// <summary>Adds a play: its time, gender slot, packed <see cref="CustomerTraits"/> and <see cref="ZipKey"/>.</summary>
    public void Add(long time, byte genderSlot, byte traits, int zipKey)
    {
        var slot = SlotOf(PaneMath.PaneOf(time, _slide));
        Bump(_gender, genderSlot, slot, 1);
        Bump(_level, CustomerTraits.LevelSlot(traits), slot, 1);
        Bump(_age, CustomerTraits.AgeSlot(traits), slot, 1);
        _zips.Add(zipKey, 1);
    }

    /// <summary>Adds a block's plays, best sorted by pane: a run of one pane finds its slot once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddBlock(ReadOnlySpan<EnrichedPlay> plays)
    {
        foreach (var (pane, run) in new PaneRuns(plays, _slide))
        {
            var slot = SlotOf(pane);
            foreach (ref readonly var play in run)
            {
                Bump(_gender, play.GenderSlot, slot, 1);
                Bump(_level, CustomerTraits.LevelSlot(play.Traits), slot, 1);
                Bump(_age, CustomerTraits.AgeSlot(play.Traits), slot, 1);
                _zips.Add(play.ZipKey, 1);
            }
        }
    }

    public void Merge(BreakdownsOperator other) => Merge(other, long.MinValue);

    /// <summary>
    /// A copy holding the zips and only the panes of activity windows ending after
    /// <paramref name="horizon"/>, the same panes the activity keeps.
    /// </summary>
    public BreakdownsOperator Retaining(long horizon)
    {
        var kept = new BreakdownsOperator(_settings);
        kept.Merge(this, PaneRetention.FirstNeeded(horizon, _settings.ActivityWindowSeconds, _slide));
        return kept;
    }

    /// <summary>Adds a pane's counts: plays by gender slot, level slot and age slot (arrays as long as <see cref="GenderCodes.MaxSlots"/>, <see cref="CustomerTraits.LevelSlots"/>, <see cref="CustomerTraits.AgeSlots"/>).</summary>
    public void AddPane(long pane, ReadOnlySpan<long> genders, ReadOnlySpan<long> levels, ReadOnlySpan<long> ages)
    {
        var slot = SlotOf(pane);
        for (var g = 0; g < genders.Length; g++)
            if (genders[g] > 0)
                Bump(_gender, g, slot, genders[g]);
        for (var l = 0; l < levels.Length; l++)
            if (levels[l] > 0)
                Bump(_level, l, slot, levels[l]);
        for (var a = 0; a < ages.Length; a++)
            if (ages[a] > 0)
                Bump(_age, a, slot, ages[a]);
    }

    /// <summary>Adds plays to a zip (a <see cref="ZipKey"/>).</summary>
    public void AddZip(int zipKey, long plays) => _zips.Add(zipKey, plays);

    /// <summary>The pane numbers that hold state, in no particular order.</summary>
    public ReadOnlySpan<long> PaneNumbers => _panes.Panes;

    /// <summary>The zip keys (<see cref="ZipKey"/>) with plays.</summary>
    public List<int> ZipKeys()
    {
        var keys = new List<int>(_zips.Count);
        _zips.ForEach((key, _) => keys.Add(key));
        return keys;
    }

    /// <summary>
    /// A copy holding only the panes <paramref name="keep"/> accepts, and the zips when
    /// <paramref name="withZips"/> (how a partial is split by the results' owners).
    /// </summary>
    public BreakdownsOperator Where(Func<long, bool> keep, bool withZips)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var kept = new BreakdownsOperator(_settings);
        var panes = _panes.Panes;
        for (var slot = 0; slot < panes.Length; slot++)
        {
            if (!keep(panes[slot]))
                continue;
            var mine = kept.SlotOf(panes[slot]);
            kept.MergeDimension(kept._gender, _gender, slot, mine);
            kept.MergeDimension(kept._level, _level, slot, mine);
            kept.MergeDimension(kept._age, _age, slot, mine);
        }
        if (withZips)
            _zips.ForEach((key, count) => kept._zips.Add(key, count));
        return kept;
    }

    /// <summary>The counts of the given panes only (those it holds), and of the given zips only; ordered as <see cref="Compute"/> orders them.</summary>
    public BreakdownResults Compute(IReadOnlySet<long> panes, IReadOnlySet<int> zips)
    {
        ArgumentNullException.ThrowIfNull(panes);
        ArgumentNullException.ThrowIfNull(zips);
        var results = new List<PanePlays>();
        var entries = new List<(byte Dimension, string Name, long Plays)>();
        foreach (var pane in panes.Order())
        {
            var slot = _panes.Find(pane);
            if (slot < 0)
                continue;
            entries.Clear();
            Collect(entries, slot);
            var start = PaneMath.StartOf(pane, _slide);
            foreach (var (dimension, name, plays) in entries)
                results.Add(new PanePlays(start, start + _slide, DimensionName(dimension), name, plays));
        }
        var zipPlays = new List<ZipPlays>();
        _zips.ForEach((key, count) =>
        {
            if (zips.Contains(key))
                zipPlays.Add(new ZipPlays(ZipKey.Text(key), count));
        });
        zipPlays.Sort((a, b) => b.Plays != a.Plays ? b.Plays.CompareTo(a.Plays) : string.CompareOrdinal(a.Zip, b.Zip));
        return new BreakdownResults(results, zipPlays);
    }

    /// <summary>How many panes hold state.</summary>
    public int Panes => _panes.Count;

    private void Merge(BreakdownsOperator other, long fromPane)
    {
        ArgumentNullException.ThrowIfNull(other);
        var otherPanes = other._panes.Panes;
        for (var otherSlot = 0; otherSlot < otherPanes.Length; otherSlot++)
        {
            if (otherPanes[otherSlot] < fromPane)
                continue;
            var slot = SlotOf(otherPanes[otherSlot]);
            MergeDimension(_gender, other._gender, otherSlot, slot);
            MergeDimension(_level, other._level, otherSlot, slot);
            MergeDimension(_age, other._age, otherSlot, slot);
        }
        other._zips.ForEach((key, count) => _zips.Add(key, count));
    }

    /// <summary>Writes the state with names, not slots (gender slots are per process).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var panes = _panes.Panes;
        writer.Write(panes.Length);
        var entries = new List<(byte Dimension, string Name, long Plays)>();
        for (var slot = 0; slot < panes.Length; slot++)
        {
            entries.Clear();
            Collect(entries, slot);
            writer.Write(panes[slot]);
            writer.Write(entries.Count);
            foreach (var (dimension, name, plays) in entries)
            {
                writer.Write(dimension);
                writer.Write(name);
                writer.Write(plays);
            }
        }
        writer.Write(_zips.Count);
        _zips.ForEach((key, count) =>
        {
            writer.Write(key);
            writer.Write(count);
        });
    }

    public static BreakdownsOperator Read(BinaryReader reader, AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new BreakdownsOperator(settings);
        var paneCount = reader.ReadInt32();
        for (var i = 0; i < paneCount; i++)
        {
            var slot = result.SlotOf(reader.ReadInt64());
            var entryCount = reader.ReadInt32();
            for (var e = 0; e < entryCount; e++)
            {
                var dimension = reader.ReadByte();
                var name = reader.ReadString();
                var plays = reader.ReadInt64();
                var (arrays, value) = dimension switch
                {
                    GenderDimension => (result._gender, (int)GenderCodes.Slot(name)),
                    LevelDimension => (result._level, CustomerTraits.LevelSlotOf(name)),
                    AgeDimension => (result._age, CustomerTraits.AgeSlotOf(name)),
                    _ => throw new InvalidDataException($"unknown breakdown dimension {dimension}"),
                };
                if (value < 0)
                    throw new InvalidDataException($"unknown breakdown value '{name}'");
                if (plays > 0)
                    result.Bump(arrays, value, slot, plays);
            }
        }
        var zipCount = reader.ReadInt32();
        for (var i = 0; i < zipCount; i++)
        {
            var key = reader.ReadInt32();
            var count = reader.ReadInt64();
            if (count > 0)
                result._zips.Add(key, count);
        }
        return result;
    }

    /// <summary>Every pane's counts by pane then dimension (gender, level, age) then value; zips by plays, most first.</summary>
    public BreakdownResults Compute()
    {
        var (sortedPanes, order) = _panes.InPaneOrder();
        var panes = new List<PanePlays>();
        var entries = new List<(byte Dimension, string Name, long Plays)>();
        for (var i = 0; i < sortedPanes.Length; i++)
        {
            entries.Clear();
            Collect(entries, order[i]);
            var start = PaneMath.StartOf(sortedPanes[i], _slide);
            foreach (var (dimension, name, plays) in entries)
                panes.Add(new PanePlays(start, start + _slide, DimensionName(dimension), name, plays));
        }
        var zips = new List<ZipPlays>(_zips.Count);
        _zips.ForEach((key, count) => zips.Add(new ZipPlays(ZipKey.Text(key), count)));
        zips.Sort((a, b) => b.Plays != a.Plays ? b.Plays.CompareTo(a.Plays) : string.CompareOrdinal(a.Zip, b.Zip));
        return new BreakdownResults(panes, zips);
    }

    public static string DimensionName(byte dimension) => dimension switch
    {
        GenderDimension => "gender",
        LevelDimension => "level",
        _ => "age",
    };

    /// <summary>The non-zero counts of one pane slot: genders by code, then levels, then age bands, in slot order.</summary>
    private void Collect(List<(byte Dimension, string Name, long Plays)> entries, int slot)
    {
        var genders = new List<(string Name, long Plays)>();
        for (var g = 0; g < _gender.Length; g++)
            if (_gender[g] is { } counts && counts[slot] > 0)
                genders.Add((GenderCodes.Name(g), counts[slot]));
        genders.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, plays) in genders)
            entries.Add((GenderDimension, name, plays));
        for (var l = 0; l < _level.Length; l++)
            if (_level[l] is { } counts && counts[slot] > 0)
                entries.Add((LevelDimension, CustomerTraits.LevelName(l), counts[slot]));
        for (var a = 0; a < _age.Length; a++)
            if (_age[a] is { } counts && counts[slot] > 0)
                entries.Add((AgeDimension, CustomerTraits.AgeName(a), counts[slot]));
    }

    private void MergeDimension(long[]?[] mine, long[]?[] theirs, int theirSlot, int mySlot)
    {
        for (var v = 0; v < theirs.Length; v++)
            if (theirs[v] is { } counts && counts[theirSlot] > 0)
                Bump(mine, v, mySlot, counts[theirSlot]);
    }

    private void Bump(long[]?[] arrays, int value, int slot, long plays) =>
        (arrays[value] ??= new long[_capacity])[slot] += plays;

    private int SlotOf(long pane)
    {
        var slot = _panes.GetOrAdd(pane, out var added);
        if (added && slot >= _capacity)
            Grow();
        return slot;
    }

    private void Grow()
    {
        _capacity *= 2;
        foreach (var arrays in new[] { _gender, _level, _age })
            for (var v = 0; v < arrays.Length; v++)
                if (arrays[v] is not null)
                    Array.Resize(ref arrays[v], _capacity);
    }
}
