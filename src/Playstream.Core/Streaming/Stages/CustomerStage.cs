using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Export;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Activity;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Operators.Interests;
using Playstream.Core.Operators.Profiles;
using Playstream.Core.Operators.Shared;
using Playstream.Core.Operators.UniqueTracks;
using Playstream.Core.Pipeline;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Keys;
using Playstream.Core.Streaming.Marks;
using Playstream.Core.Streaming.Partials;
using Playstream.Core.Streaming.State;
using Playstream.Core.Windows;

namespace Playstream.Core.Streaming.Stages;

/// <summary>
/// The state of one partition's customers, and only theirs: every play of a customer reaches
/// the partition <see cref="CustomerPartition"/> names, straight from the input when it is
/// already there, through the repartition topic otherwise. Holds the profiles, the (customer,
/// track) pairs with their interest times, each pane's listeners and the tracks seen; profiles
/// and interests are complete here, and what the global results need leaves as counts
/// (<see cref="WindowPartial"/>) at every flush.
/// </summary>
internal sealed class CustomerStage
{
    private readonly TopologySettings _topology;
    private readonly AnalyticsSettings _settings;
    private readonly LookupTables _lookups;
    private readonly IDeadLetterSink _deadLetters;
    private readonly IPlaySink? _plays;
    private readonly PlayBatchPool _pool;
    private readonly Dictionary<int, PlayBatch> _openBatches = [];

    private CustomerPanes _listeners = new();
    private ProfilesOperator _profiles = new();
    private InterestsOperator _interests;
    private UniqueTracksOperator _seen = new();
    private readonly IntCountMap _tracksByCustomer = new();
    private readonly SourceMarks _sourceMarks;
    private readonly ShipperMarks _shipperMarks;
    // Profiles changed since last taken, by profile slot (a flag and a list: no hashing per play), and those being written.
    private bool[] _profileChanged = new bool[64];
    private readonly List<int> _pendingProfiles = [];
    private readonly HashSet<long> _pendingPairs = [];
    private HashSet<int> _writingProfiles = [];
    private HashSet<long> _writingPairs = [];

    public CustomerStage(int partition, TopologySettings topology, LookupTables lookups, IDeadLetterSink deadLetters, IPlaySink? plays, PlayBatchPool pool, FlushChanges changes)
    {
        Partition = partition;
        _topology = topology;
        _settings = topology.Analytics;
        _lookups = lookups;
        _deadLetters = deadLetters;
        _plays = plays;
        _pool = pool;
        Changes = changes;
        _interests = new InterestsOperator(_settings);
        _sourceMarks = new SourceMarks(topology.Partitions);
        _shipperMarks = new ShipperMarks(topology.ShipperSourcesPerPartition);
    }

    public int Partition { get; }

    /// <summary>This flush's changes, shared with the source stage of the same partition.</summary>
    public FlushChanges Changes { get; }

    /// <summary>The next repartition offset to read.</summary>
    public long RepartitionNext { get; private set; }

    /// <summary>Every play still to come to this stage is at or after this time (null: no such bound yet); older ones are late.</summary>
    public long? SafeHorizon { get; private set; }

    public long Duplicates { get; private set; }
    public long RepartitionRecords { get; private set; }
    public long Replayed { get; private set; }
    public long Events { get; private set; }

    public long ListenerPairs => _listeners.Pairs;
    public long StoredTimes => _interests.StoredTimes;
    public int Pairs => _interests.Pairs;

    public bool HasPendingResults => _pendingProfiles.Count > 0 || _pendingPairs.Count > 0 || _writingProfiles.Count > 0 || _writingPairs.Count > 0;

    private IEnumerable<int> PendingCustomers => _pendingProfiles.Select(_profiles.CustomerOf);

    /// <summary>A record of the repartition topic: the lines one input partition's source stage routed here in one turn.</summary>
    public void TakeRepartitioned(long offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (offset < RepartitionNext)
        {
            Replayed++;
            return;
        }
        RepartitionNext = offset + 1;
        RepartitionRecords++;
        if (!RepartitionBatch.TryReadKey(key, out var source, out var firstOffset))
            throw new InvalidDataException($"repartition record {Partition}:{offset} has a key of {key.Length} bytes, not a repartition batch key: is another job writing to this topic?");
        var lines = RepartitionBatch.Read(value, firstOffset);
        while (lines.Next(out var sourceOffset, out var line))
        {
            if (!_sourceMarks.TryAdvance(source, sourceOffset))
            {
                Duplicates++;
                continue;
            }
            // The source stage parsed it already; a line that parses there parses here.
            if (EventParser.TryParse(line, out var play, out var zip, out _))
                Accept(play, line[zip], line, source, sourceOffset);
        }
    }

    /// <summary>
    /// Whether an input record is a line the shipper sent again after a crash: its key carries a
    /// source position at or below what this partition took from that source. The shipper keeps
    /// each file's lines to one partition in file order, so this holds for every line of the
    /// partition, whichever customer it belongs to.
    /// </summary>
    public bool IsShipperResend(ReadOnlySpan<byte> key)
    {
        if (!ShippedLineKey.TryReadPosition(key, out var position) || _shipperMarks.TryAdvance(position))
            return false;
        Duplicates++;
        return true;
    }

    /// <summary>A play read from this partition of the input topic, whose customer belongs here.</summary>
    public void TakeDirect(in PlayEvent play, ReadOnlySpan<byte> zip, ReadOnlySpan<byte> line, long offset) =>
        Accept(play, zip, line, Partition, offset);

    private void Accept(in PlayEvent play, ReadOnlySpan<byte> zip, ReadOnlySpan<byte> line, int sourcePartition, long sourceOffset)
    {
        if (SafeHorizon is { } horizon && play.Time < horizon)
        {
            Changes.Counters.CountDeadLetter(DeadLetterReason.Late);
            _deadLetters.Write(PlayLine.DeadLetter(DeadLetterReason.Late, new SourcePosition(_topology.SourceOf(sourcePartition), sourceOffset), line,
                $"event time {IsoTime.Format(play.Time)} is before {IsoTime.Format(horizon)}, up to which the results are final"));
            return;
        }
        var customers = _lookups.Customers;
        var known = customers.Contains(play.CustomerId);
        var gender = known ? customers.GenderSlot(play.CustomerId) : GenderCodes.UnknownSlot;
        Changes.Counters.CountEvent(known, _lookups.Tracks.Contains(play.TrackId));
        Changes.Counters.ObserveTime(play.Time);
        Changes.AddPlay(play.Time, play.IsMobile, gender, play.TrackId, CustomerTraits.Of(customers).Packed(play.CustomerId), ZipKey.Of(zip));
        Changes.Plays.Add(new FlushChanges.LoggedPlay(play.CustomerId, play.TrackId, play.Time, play.IsMobile));
        Apply(play.CustomerId, play.TrackId, play.Time, play.IsMobile, Changes);
        Events++;
        if (_plays is not null)
            AddToBatch(play, zip, sourcePartition, sourceOffset);
    }

    /// <summary>The state change of one play, the same whether it is new or replayed from the log (<paramref name="changes"/> null).</summary>
    private void Apply(int customer, int track, long time, bool isMobile, FlushChanges? changes)
    {
        var perWindow = _settings.ActivityWindowSeconds / _settings.ActivitySlideSeconds;
        if (_listeners.Add(customer, PaneMath.PaneOf(time, _settings.ActivitySlideSeconds), perWindow, out var firstWindow, out var lastWindow) && changes is not null)
            for (var window = firstWindow; window <= lastWindow; window++)
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(changes.NewListeners, window, out _)++;
        NoteProfileChanged(_profiles.Add(customer, time, isMobile));
        var pair = _interests.AddReportingChange(customer, track, time);
        if ((pair & PairChange.NewPair) != 0)
        {
            _tracksByCustomer.Add(customer, 1);
            changes?.NewPairCustomers.Add(customer);
        }
        if ((pair & PairChange.DetectionChanged) != 0)
            _pendingPairs.Add(Pack(customer, track));
        var (newToAll, newToMobile) = _seen.AddReportingNew(track, isMobile);
        if (newToAll) changes?.NewTracks.Add(track);
        if (newToMobile) changes?.NewMobileTracks.Add(track);
    }

    private void NoteProfileChanged(int slot)
    {
        if (slot >= _profileChanged.Length)
            Array.Resize(ref _profileChanged, Math.Max(slot + 1, _profileChanged.Length * 2));
        if (_profileChanged[slot])
            return;
        _profileChanged[slot] = true;
        _pendingProfiles.Add(slot);
    }

    private void AddToBatch(in PlayEvent play, ReadOnlySpan<byte> zip, int sourcePartition, long sourceOffset)
    {
        if (!_openBatches.TryGetValue(sourcePartition, out var batch))
        {
            batch = _pool.Rent();
            batch.Source = _topology.SourceOf(sourcePartition);
            _openBatches.Add(sourcePartition, batch);
        }
        batch.Add(play, zip, sourceOffset);
        if (batch.IsFull)
        {
            _openBatches.Remove(sourcePartition);
            _plays!.Write(batch);
        }
    }

    /// <summary>Hands every play taken so far to the play sink.</summary>
    public void FlushPlays()
    {
        foreach (var batch in _openBatches.Values)
            _plays!.Write(batch);
        _openBatches.Clear();
    }

    /// <summary>
    /// The counts this flush adds to the merged results: plays, listeners and mobile plays per
    /// activity window, and the change in the profile-summary sums of the customers it touched.
    /// </summary>
    public void AddToPartial(WindowPartial partial)
    {
        partial.Activity.EnsureCapacity(Changes.PanePlays.Count, Changes.NewListeners.Count);
        foreach (var (pane, (plays, mobile)) in Changes.PanePlays)
            partial.Activity.AddPane(pane, plays, mobile);
        foreach (var (first, listeners) in Changes.NewListeners)
            partial.Activity.AddListeners(first, listeners);
        AddProfileSums(partial.ProfileSums);
    }

    private void AddProfileSums(ProfileShareSums sums)
    {
        // What each touched customer's counts were before this flush: now minus this flush's plays.
        var before = new Dictionary<int, long[]>();
        long[] Of(int customer)
        {
            if (!before.TryGetValue(customer, out var counts))
                before.Add(customer, counts = new long[ProfilesOperator.CountsPerCustomer + 1]);
            return counts;
        }
        foreach (var play in Changes.Plays)
        {
            var delta = Of(play.CustomerId);
            delta[0]++;
            delta[1 + (int)DayParts.Of(play.Time)]++;
            if (play.IsMobile)
                delta[5]++;
        }
        foreach (var customer in Changes.NewPairCustomers)
            Of(customer)[6]++;
        Span<long> now = stackalloc long[ProfilesOperator.CountsPerCustomer];
        Span<long> old = stackalloc long[ProfilesOperator.CountsPerCustomer];
        foreach (var (customer, delta) in before)
        {
            if (!_profiles.TryGetCounts(customer, now))
                continue;
            var unique = _tracksByCustomer.Get(customer);
            for (var i = 0; i < now.Length; i++)
                old[i] = now[i] - delta[i];
            sums.Add(now, unique, 1);
            if (old[0] > 0)
                sums.Add(old, unique - delta[6], -1);
        }
    }

    /// <summary>The profiles and interests changed since they were last taken; they count as being written until <see cref="ResultsWritten"/>.</summary>
    public void TakeResults(List<CustomerProfile> profiles, List<Interest> interests)
    {
        foreach (var customer in PendingCustomers)
            if (Profile(customer) is { } profile)
                profiles.Add(profile);
        foreach (var pair in _pendingPairs)
            if (_interests.DetectedAt((int)(pair >> 32), (int)pair) is { } detected)
                interests.Add(new Interest((int)(pair >> 32), (int)pair, detected));
        _writingProfiles.UnionWith(PendingCustomers);
        _writingPairs.UnionWith(_pendingPairs);
        foreach (var slot in _pendingProfiles)
            _profileChanged[slot] = false;
        _pendingProfiles.Clear();
        _pendingPairs.Clear();
    }

    public void ResultsWritten()
    {
        _writingProfiles = [];
        _writingPairs = [];
    }

    /// <summary>The write of the results last taken failed: they are taken again with the next.</summary>
    public void ResultsFailed()
    {
        foreach (var customer in _writingProfiles)
            NoteProfileChanged(_profiles.SlotOfCustomer(customer));
        _pendingPairs.UnionWith(_writingPairs);
        ResultsWritten();
    }

    public CustomerProfile? Profile(int customer)
    {
        Span<long> counts = stackalloc long[ProfilesOperator.CountsPerCustomer];
        if (!_profiles.TryGetCounts(customer, counts))
            return null;
        return new CustomerProfile(customer, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], _tracksByCustomer.Get(customer));
    }

    /// <summary>
    /// Raises the bound below which no play will come any more, and drops what only older plays
    /// needed: listeners of panes whose windows have all ended, interest times too old to pair.
    /// </summary>
    public void AdvanceHorizon(long horizon)
    {
        if (SafeHorizon is { } current && horizon <= current)
            return;
        SafeHorizon = horizon;
        _listeners.DropBefore(PaneRetention.FirstNeeded(horizon, _settings.ActivityWindowSeconds, _settings.ActivitySlideSeconds));
        _interests.DropTimesBefore(horizon);
    }

    public void WriteLogEntry(BinaryWriter writer)
    {
        writer.Write(RepartitionNext);
        writer.Write(SafeHorizon.HasValue);
        writer.Write(SafeHorizon ?? 0);
        WriteLongs(writer, _sourceMarks.ToArray());
        WriteMarks(writer, _shipperMarks.TakeChanged());
        writer.Write(Changes.Plays.Count);
        foreach (var play in Changes.Plays)
        {
            writer.Write(play.CustomerId);
            writer.Write(play.TrackId);
            writer.Write(play.Time);
            writer.Write(play.IsMobile);
        }
    }

    public void ReplayLogEntry(BinaryReader reader)
    {
        RepartitionNext = reader.ReadInt64();
        var hasHorizon = reader.ReadBoolean();
        var horizon = reader.ReadInt64();
        _sourceMarks.Restore(ReadLongs(reader));
        foreach (var mark in ReadMarks(reader))
            _shipperMarks.Restore(mark);
        var plays = reader.ReadInt32();
        for (var i = 0; i < plays; i++)
            Apply(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadBoolean(), null);
        // The entry's horizon was raised after its plays were taken, as at the flush.
        if (hasHorizon)
            AdvanceHorizon(horizon);
    }

    public void WriteSnapshot(BinaryWriter writer)
    {
        writer.Write(RepartitionNext);
        writer.Write(SafeHorizon.HasValue);
        writer.Write(SafeHorizon ?? 0);
        WriteLongs(writer, _sourceMarks.ToArray());
        _shipperMarks.TakeChanged();
        WriteMarks(writer, _shipperMarks.ToList());
        _listeners.Write(writer);
        _profiles.Write(writer);
        _interests.Write(writer);
        _seen.Write(writer);
        var profiles = PendingCustomers.Concat(_writingProfiles).Distinct().ToList();
        writer.Write(profiles.Count);
        foreach (var customer in profiles)
            writer.Write(customer);
        WriteLongs(writer, [.. _pendingPairs.Concat(_writingPairs).Distinct()]);
    }

    public static CustomerStage ReadSnapshot(BinaryReader reader, int partition, TopologySettings topology, LookupTables lookups, IDeadLetterSink deadLetters, IPlaySink? plays, PlayBatchPool pool, FlushChanges changes)
    {
        var stage = new CustomerStage(partition, topology, lookups, deadLetters, plays, pool, changes)
        {
            RepartitionNext = reader.ReadInt64(),
        };
        var hasHorizon = reader.ReadBoolean();
        var horizon = reader.ReadInt64();
        stage.SafeHorizon = hasHorizon ? horizon : null;
        stage._sourceMarks.Restore(ReadLongs(reader));
        foreach (var mark in ReadMarks(reader))
            stage._shipperMarks.Restore(mark);
        stage._shipperMarks.TakeChanged();
        stage._listeners = CustomerPanes.Read(reader);
        stage._profiles = ProfilesOperator.Read(reader);
        stage._interests = InterestsOperator.Read(reader, topology.Analytics);
        stage._interests.ForEachPair((customer, _) => stage._tracksByCustomer.Add(customer, 1));
        stage._seen = UniqueTracksOperator.Read(reader);
        var pendingProfiles = reader.ReadInt32();
        for (var i = 0; i < pendingProfiles; i++)
        {
            var slot = stage._profiles.SlotOfCustomer(reader.ReadInt32());
            if (slot >= 0)
                stage.NoteProfileChanged(slot);
        }
        foreach (var pair in ReadLongs(reader))
            stage._pendingPairs.Add(pair);
        return stage;
    }

    private static long Pack(int customer, int track) => ((long)customer << 32) | (uint)track;

    private static void WriteLongs(BinaryWriter writer, long[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
            writer.Write(value);
    }

    private static long[] ReadLongs(BinaryReader reader)
    {
        var values = new long[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.ReadInt64();
        return values;
    }

    private static void WriteMarks(BinaryWriter writer, IReadOnlyList<ShipperMark> marks)
    {
        writer.Write(marks.Count);
        foreach (var mark in marks)
        {
            writer.Write(mark.SourceId);
            writer.Write(mark.Offset);
        }
    }

    private static List<ShipperMark> ReadMarks(BinaryReader reader)
    {
        var marks = new List<ShipperMark>(reader.ReadInt32());
        for (var i = marks.Capacity; i > 0; i--)
            marks.Add(new ShipperMark(reader.ReadUInt64(), reader.ReadInt64()));
        return marks;
    }
}
