using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Streaming.State;

namespace Playstream.Core.Streaming.Partials;

/// <summary>
/// What one task's flush changed in the results an owner merges: counts to add, never whole
/// values. Activity as per-window plays, listeners and mobile plays (a customer's plays are
/// all in one partition, so listener counts add up); top tracks as per-pane track counts by
/// gender; the dashboard's breakdown panes and zips; tracks the partition saw for the first
/// time; the summary's counts; the profile-summary sums. Each is written once, in the same
/// transaction as the checkpoint of the flush it came from, so a merge counts it exactly once.
/// Gender slots are per process: a partial carries the codes of the slots it uses.
/// </summary>
public sealed class WindowPartial
{
    private const byte Format = 2;

    /// <summary>Plays of one track in one top-tracks pane for one gender slot (of this process).</summary>
    public readonly record struct TrackCount(long Pane, byte Gender, int Track, long Plays);

    internal RunCounters Counters { get; private set; } = new();
    public ActivityWindowCounts Activity { get; private set; } = new();
    public List<TrackCount> Tracks { get; } = [];
    public List<(long Pane, PaneBreakdown Counts)> Panes { get; } = [];
    public List<(int Zip, long Plays)> Zips { get; } = [];
    public List<int> NewTracks { get; } = [];
    public List<int> NewMobileTracks { get; } = [];
    public ProfileShareSums ProfileSums { get; private set; } = new();

    /// <summary>Whether the partial holds the results without a time (summary, profile summary, unique tracks, zips).</summary>
    public bool HasGlobals { get; private set; } = true;

    public byte[] ToBytes()
    {
        // Sized for the usual case, so that the buffer is not regrown and copied on the way.
        using var buffer = new MemoryStream(64 + Tracks.Count * 12 + Panes.Count * 40 + Zips.Count * 8 + (NewTracks.Count + NewMobileTracks.Count) * 4);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(HasGlobals);
            Activity.Write(writer);
            Span<bool> used = stackalloc bool[256];
            foreach (var t in Tracks)
                used[t.Gender] = true;
            foreach (var (_, counts) in Panes)
                for (var g = 0; g < counts.Genders.Length; g++)
                    used[g] |= counts.Genders[g] != 0;
            var genders = 0;
            foreach (var u in used)
                genders += u ? 1 : 0;
            writer.Write7BitEncodedInt(genders);
            for (var g = 0; g < used.Length; g++)
            {
                if (!used[g])
                    continue;
                writer.Write((byte)g);
                writer.Write(GenderCodes.Name(g));
            }
            writer.Write7BitEncodedInt(Tracks.Count);
            foreach (var t in Tracks)
            {
                writer.Write7BitEncodedInt64(t.Pane);
                writer.Write(t.Gender);
                writer.Write7BitEncodedInt(t.Track);
                writer.Write7BitEncodedInt64(t.Plays);
            }
            writer.Write7BitEncodedInt(Panes.Count);
            foreach (var (pane, counts) in Panes)
            {
                writer.Write7BitEncodedInt64(pane);
                var nonZero = 0;
                foreach (var plays in counts.Genders)
                    nonZero += plays != 0 ? 1 : 0;
                writer.Write7BitEncodedInt(nonZero);
                for (var gender = 0; gender < counts.Genders.Length; gender++)
                {
                    if (counts.Genders[gender] == 0)
                        continue;
                    writer.Write((byte)gender);
                    writer.Write7BitEncodedInt64(counts.Genders[gender]);
                }
                foreach (var level in counts.Levels)
                    writer.Write7BitEncodedInt64(level);
                foreach (var age in counts.Ages)
                    writer.Write7BitEncodedInt64(age);
            }
            writer.Write7BitEncodedInt(Zips.Count);
            foreach (var (zip, plays) in Zips)
            {
                writer.Write(zip);
                writer.Write7BitEncodedInt64(plays);
            }
            if (HasGlobals)
            {
                Counters.Write(writer);
                WriteIds(writer, NewTracks);
                WriteIds(writer, NewMobileTracks);
                ProfileSums.Write(writer);
            }
        }
        return buffer.ToArray();
    }

    public static WindowPartial FromBytes(byte[] bytes)
    {
        using var buffer = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(buffer, Encoding.UTF8);
        try
        {
            if (reader.ReadByte() != Format)
                throw new InvalidDataException("a partial of an unknown format");
            var partial = new WindowPartial { HasGlobals = reader.ReadBoolean() };
            partial.Activity = ActivityWindowCounts.Read(reader);
            // The sender's gender slots, as this process numbers the same codes.
            var slots = new Dictionary<byte, byte>();
            for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
            {
                var theirs = reader.ReadByte();
                slots[theirs] = GenderCodes.Slot(reader.ReadString());
            }
            // A track count takes at least 4 bytes (pane, gender, track, plays); a breakdown pane 2, its levels and its ages.
            var tracks = EntryCounts.Read(reader, 4);
            partial.Tracks.EnsureCapacity(tracks);
            for (var i = tracks; i > 0; i--)
                partial.Tracks.Add(new TrackCount(reader.Read7BitEncodedInt64(), slots[reader.ReadByte()], reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt64()));
            var panes = EntryCounts.Read(reader, 2 + CustomerTraits.LevelSlots + CustomerTraits.AgeSlots);
            partial.Panes.EnsureCapacity(panes);
            for (var i = panes; i > 0; i--)
            {
                var pane = reader.Read7BitEncodedInt64();
                var counts = new PaneBreakdown();
                for (var g = reader.Read7BitEncodedInt(); g > 0; g--)
                    counts.AddGender(slots[reader.ReadByte()], reader.Read7BitEncodedInt64());
                var levels = counts.Levels;
                for (var l = 0; l < levels.Length; l++)
                    levels[l] = reader.Read7BitEncodedInt64();
                var ages = counts.Ages;
                for (var a = 0; a < ages.Length; a++)
                    ages[a] = reader.Read7BitEncodedInt64();
                partial.Panes.Add((pane, counts));
            }
            for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
                partial.Zips.Add((reader.ReadInt32(), reader.Read7BitEncodedInt64()));
            if (partial.HasGlobals)
            {
                partial.Counters = RunCounters.Read(reader);
                ReadIds(reader, partial.NewTracks);
                ReadIds(reader, partial.NewMobileTracks);
                partial.ProfileSums = ProfileShareSums.Read(reader);
            }
            return partial;
        }
        // IOException: the data ends too soon, or a string's length is damaged; FormatException: a damaged 7-bit number.
        catch (Exception e) when (e is IOException or FormatException or KeyNotFoundException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException("a partial is truncated or damaged", e);
        }
    }

    /// <summary>
    /// The parts each owner merges, by owner: windows and breakdown panes to the owner of the day
    /// they start in, top-tracks panes to every owner of a window holding them, the rest to
    /// <see cref="WindowOwners.GlobalOwner"/>, which always gets a part (the summary's counts).
    /// </summary>
    public Dictionary<int, WindowPartial> SplitByOwner(WindowOwners owners, AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(settings);
        var parts = new Dictionary<int, WindowPartial>();
        WindowPartial PartOf(int owner)
        {
            if (!parts.TryGetValue(owner, out var part))
                parts.Add(owner, part = new WindowPartial { HasGlobals = owner == WindowOwners.GlobalOwner });
            return part;
        }
        var global = PartOf(WindowOwners.GlobalOwner);
        var slide = settings.ActivitySlideSeconds;
        var perWindow = settings.ActivityWindowSeconds / slide;
        foreach (var (pane, plays, mobile) in Activity.PaneCounts())
        {
            var (first, last) = owners.ActivityOwnersOfPane(pane, perWindow, slide);
            PartOf(first).Activity.AddPane(pane, plays, mobile);
            if (last != first)
                PartOf(last).Activity.AddPane(pane, plays, mobile);
        }
        foreach (var (first, listeners) in Activity.ListenerCounts())
            PartOf(owners.OwnerOf(first * slide)).Activity.AddListeners(first, listeners);
        // Counted first, so that each part's list is made once at its size: a flush of unordered
        // plays holds most of the partition's track counts, and growing the lists by doubling
        // made a member's largest arrays.
        var topOwners = new Dictionary<long, List<int>>();
        var perOwner = new Dictionary<int, int>();
        foreach (var track in Tracks)
        {
            if (!topOwners.TryGetValue(track.Pane, out var list))
                topOwners.Add(track.Pane, list = owners.TopTracksOwnersOfPane(track.Pane * settings.TopTracksSlideSeconds));
            foreach (var owner in list)
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(perOwner, owner, out _)++;
        }
        foreach (var (owner, count) in perOwner)
            PartOf(owner).Tracks.EnsureCapacity(count);
        foreach (var track in Tracks)
            foreach (var owner in topOwners[track.Pane])
                PartOf(owner).Tracks.Add(track);
        foreach (var pane in Panes)
            PartOf(owners.OwnerOf(pane.Pane * settings.ActivitySlideSeconds)).Panes.Add(pane);
        global.Zips.AddRange(Zips);
        global.Counters = Counters;
        global.NewTracks.AddRange(NewTracks);
        global.NewMobileTracks.AddRange(NewMobileTracks);
        global.ProfileSums = ProfileSums;
        return parts;
    }

    private static void WriteIds(BinaryWriter writer, List<int> ids)
    {
        writer.Write7BitEncodedInt(ids.Count);
        foreach (var id in ids)
            writer.Write(id);
    }

    private static void ReadIds(BinaryReader reader, List<int> ids)
    {
        for (var i = reader.Read7BitEncodedInt(); i > 0; i--)
            ids.Add(reader.ReadInt32());
    }
}
