using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Operators.TopTracks;
using Playstream.Core.Streaming.State;

namespace Playstream.Core.Streaming.Partials;

/// <summary>
/// What one task's flush changed in the results one owner merges: counts to add, never whole
/// values. Activity as per-window plays, listeners and mobile plays (a customer's plays are
/// all in one partition, so listener counts add up); top tracks as per-pane track counts by
/// gender; the dashboard's breakdown panes and zips; tracks the partition saw for the first
/// time; the summary's counts; the profile-summary sums. Each is written once, in the same
/// transaction as the checkpoint of the flush it came from, so a merge counts it exactly once.
/// </summary>
public sealed class WindowPartial
{
    private const byte Format = 1;

    public WindowPartial(AnalyticsSettings settings)
    {
        Settings = settings;
        TopTracks = new TopTracksOperator(settings);
        Breakdowns = new BreakdownsOperator(settings);
    }

    public AnalyticsSettings Settings { get; }
    internal RunCounters Counters { get; private set; } = new();
    public ActivityWindowCounts Activity { get; private set; } = new();
    public TopTracksOperator TopTracks { get; private set; }
    public BreakdownsOperator Breakdowns { get; private set; }
    public List<int> NewTracks { get; } = [];
    public List<int> NewMobileTracks { get; } = [];
    public ProfileShareSums ProfileSums { get; private set; } = new();

    /// <summary>Whether the partial holds results without a time (summary, profile summary, unique tracks, zips).</summary>
    public bool HasGlobals { get; private set; } = true;

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(HasGlobals);
            Activity.Write(writer);
            TopTracks.Write(writer);
            Breakdowns.Write(writer);
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

    public static WindowPartial FromBytes(ReadOnlySpan<byte> bytes, AnalyticsSettings settings)
    {
        using var buffer = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = new BinaryReader(buffer, Encoding.UTF8);
        try
        {
            if (reader.ReadByte() != Format)
                throw new InvalidDataException("a partial of an unknown format");
            var partial = new WindowPartial(settings) { HasGlobals = reader.ReadBoolean() };
            partial.Activity = ActivityWindowCounts.Read(reader);
            partial.TopTracks = TopTracksOperator.Read(reader, settings);
            partial.Breakdowns = BreakdownsOperator.Read(reader, settings);
            if (partial.HasGlobals)
            {
                partial.Counters = RunCounters.Read(reader);
                ReadIds(reader, partial.NewTracks);
                ReadIds(reader, partial.NewMobileTracks);
                partial.ProfileSums = ProfileShareSums.Read(reader);
            }
            return partial;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("a partial is truncated", e);
        }
    }

    /// <summary>
    /// The parts each owner merges, by owner: windows and breakdown panes to the owner of the day
    /// they start in, top-tracks panes to every owner of a window holding them, the rest to
    /// <see cref="WindowOwners.GlobalOwner"/>. Owners with nothing to merge get nothing.
    /// </summary>
    public Dictionary<int, WindowPartial> SplitByOwner(WindowOwners owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var parts = new Dictionary<int, WindowPartial>();
        WindowPartial PartOf(int owner)
        {
            if (!parts.TryGetValue(owner, out var part))
                parts.Add(owner, part = new WindowPartial(Settings) { HasGlobals = owner == WindowOwners.GlobalOwner });
            return part;
        }
        foreach (var start in Activity.Starts)
        {
            var window = Activity.Window(start, Settings.ActivityWindowSeconds);
            if (window is not null)
                PartOf(owners.OwnerOf(start)).Activity.Add(start, window.Plays, window.Listeners, window.MobilePlays);
        }
        var topOwners = new Dictionary<long, List<int>>();
        foreach (var pane in TopTracks.PaneNumbers)
            topOwners[pane] = owners.TopTracksOwnersOfPane(pane * Settings.TopTracksSlideSeconds);
        foreach (var owner in topOwners.Values.SelectMany(o => o).Distinct())
            PartOf(owner).TopTracks = TopTracks.Where(pane => topOwners[pane].Contains(owner));
        var breakdownOwners = new HashSet<int>();
        foreach (var pane in Breakdowns.PaneNumbers)
            breakdownOwners.Add(owners.OwnerOf(pane * Settings.ActivitySlideSeconds));
        breakdownOwners.Add(WindowOwners.GlobalOwner); // the zips
        foreach (var owner in breakdownOwners)
        {
            var part = Breakdowns.Where(pane => owners.OwnerOf(pane * Settings.ActivitySlideSeconds) == owner, withZips: owner == WindowOwners.GlobalOwner);
            if (part.Panes > 0 || part.ZipKeys().Count > 0)
                PartOf(owner).Breakdowns = part;
        }
        var global = PartOf(WindowOwners.GlobalOwner);
        global.Counters = Counters;
        global.NewTracks.AddRange(NewTracks);
        global.NewMobileTracks.AddRange(NewMobileTracks);
        global.ProfileSums = ProfileSums;
        return parts;
    }

    private static void WriteIds(BinaryWriter writer, List<int> ids)
    {
        writer.Write(ids.Count);
        foreach (var id in ids)
            writer.Write(id);
    }

    private static void ReadIds(BinaryReader reader, List<int> ids)
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
            ids.Add(reader.ReadInt32());
    }
}
