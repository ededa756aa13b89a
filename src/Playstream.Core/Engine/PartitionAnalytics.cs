using System.Runtime.CompilerServices;
using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Activity;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Operators.Interests;
using Playstream.Core.Operators.Profiles;
using Playstream.Core.Operators.TopTracks;
using Playstream.Core.Operators.UniqueTracks;
using Playstream.Core.Results;
using Playstream.Core.Windows;

namespace Playstream.Core.Engine;

/// <summary>
/// All the analytics of one partition (or of a merge of several): the operators side by
/// side, each fed every play. Exact for any order of plays, mergeable with another
/// partition's analytics, and snapshotable. Not thread-safe: one partition, one thread.
/// </summary>
public sealed class PartitionAnalytics
{
    private ActivityOperator _activity;
    private TopTracksOperator _topTracks;
    private ProfilesOperator _profiles;
    private UniqueTracksOperator _uniqueTracks;
    private InterestsOperator _interests;
    private BreakdownsOperator _breakdowns;
    private RunCounters _counters;
    private PlayBlockSorter? _sorter;

    public PartitionAnalytics(AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        _activity = new ActivityOperator(settings);
        _topTracks = new TopTracksOperator(settings);
        _profiles = new ProfilesOperator();
        _uniqueTracks = new UniqueTracksOperator();
        _interests = new InterestsOperator(settings);
        _breakdowns = new BreakdownsOperator(settings);
        _counters = new RunCounters();
    }

    public AnalyticsSettings Settings { get; }

    /// <summary>Plays added (dead letters are not events).</summary>
    public long Events => _counters.Events;

    /// <summary>
    /// Adds one enriched play. <paramref name="genderSlot"/> is the customer's
    /// <see cref="GenderCodes"/> slot; an unknown customer always counts as <c>unknown</c>.
    /// </summary>
    public void Add(in PlayEvent play, byte genderSlot, bool customerKnown, bool trackKnown)
    {
        if (!customerKnown)
            genderSlot = GenderCodes.UnknownSlot;
        _counters.CountEvent(customerKnown, trackKnown);
        _counters.ObserveTime(play.Time);
        _activity.Add(play.Time, play.CustomerId, play.IsMobile);
        _topTracks.Add(play.Time, genderSlot, play.TrackId);
        _profiles.Add(play.CustomerId, play.Time, play.IsMobile);
        _uniqueTracks.Add(play.TrackId, play.IsMobile);
        _interests.Add(play.CustomerId, play.TrackId, play.Time);
    }

    /// <summary>Enriches the play from the lookup tables, then adds it (its zip counted as <see cref="ZipKey.Other"/>).</summary>
    public void Add(in PlayEvent play, LookupTables lookups) => Add(play, default, lookups);

    /// <summary>
    /// Enriches the play from the lookup tables, then adds it to the contract's analytics and to
    /// the dashboard's breakdowns (gender, level and age band per pane; the listening zip).
    /// </summary>
    public void Add(in PlayEvent play, ReadOnlySpan<byte> zip, LookupTables lookups)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        var customers = lookups.Customers;
        var known = customers.Contains(play.CustomerId);
        var genderSlot = known ? customers.GenderSlot(play.CustomerId) : GenderCodes.UnknownSlot;
        Add(play, genderSlot, known, lookups.Tracks.Contains(play.TrackId));
        _breakdowns.Add(play.Time, genderSlot, CustomerTraits.Of(customers).Packed(play.CustomerId), ZipKey.Of(zip));
    }

    public void CountDeadLetter(DeadLetterReason reason) => _counters.CountDeadLetter(reason);

    /// <summary>
    /// Adds a whole block of enriched plays and its dead letters: the same state as adding each
    /// play with <see cref="Add(in PlayEvent, ReadOnlySpan{byte}, LookupTables)"/>, in far less time
    /// on unordered input. The block is sorted (by pane, and by pair for the interests) so each
    /// operator sweeps its state in order, and the operators, which share no state, run side by
    /// side. The block's plays are left reordered; its owner may clear and reuse it.
    /// </summary>
    public void AddBlock(PlayBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        _counters.CountDeadLetters(block.DeadLetters);
        if (block.Count == 0)
            return;
        _sorter ??= new PlayBlockSorter();
        _sorter.SortByPane(block, Settings.ActivitySlideSeconds);
        var activity = _activity;
        var topTracks = _topTracks;
        var breakdowns = _breakdowns;
        var sorter = _sorter;
        Parallel.Invoke(
            () => activity.AddBlock(block.Plays),
            () => topTracks.AddBlock(block.Plays),
            () => _interests.AddMany(sorter.PairsInTableOrder(block)),
            () =>
            {
                breakdowns.AddBlock(block.Plays);
                AddPerCustomerAndCounts(block.Plays);
            });
    }

    /// <summary>The order-free part of a block: profiles, unique tracks and the run's counters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddPerCustomerAndCounts(ReadOnlySpan<EnrichedPlay> plays)
    {
        long unknownCustomers = 0, unknownTracks = 0, maxTime = long.MinValue;
        foreach (ref readonly var play in plays)
        {
            var mobile = play.IsMobile;
            _profiles.Add(play.CustomerId, play.Time, mobile);
            _uniqueTracks.Add(play.TrackId, mobile);
            if ((play.Flags & EnrichedPlay.CustomerKnown) == 0) unknownCustomers++;
            if ((play.Flags & EnrichedPlay.TrackKnown) == 0) unknownTracks++;
            if (play.Time > maxTime) maxTime = play.Time;
        }
        _counters.CountEvents(plays.Length, unknownCustomers, unknownTracks, maxTime);
    }

    /// <summary>The latest event time added (Unix seconds), or null before the first play; an endless stream's watermark follows it.</summary>
    public long? MaxEventTime => _counters.MaxEventTime;

    /// <summary>
    /// Null, or the time up to which results are final and their detail was evicted
    /// (<see cref="EvictBefore"/>): windows ending at or before it are no longer computed.
    /// </summary>
    public long? Horizon { get; private set; }

    /// <summary>
    /// For an endless stream: every play still to come, in this partition and in every other whose
    /// results merge with it, is at or after <paramref name="horizon"/>, and the results of windows
    /// ending by then have been written (they are final). Drops what only those windows need:
    /// the panes of activity, top tracks and breakdowns, and the interests' play times older than
    /// the interest window before the horizon. Counters, profiles, unique tracks, zips and the
    /// (customer, track) pairs stay: they are bounded by customers and tracks, not by time.
    /// Afterwards windows ending by the horizon are left out of the results, and interests
    /// detected before it may be missing or later than their true time: a sink keeps the
    /// earliest it was given.
    /// </summary>
    public void EvictBefore(long horizon)
    {
        if (Horizon is { } current && horizon <= current)
            return;
        Horizon = horizon;
        _activity = _activity.Retaining(horizon);
        _topTracks = _topTracks.Retaining(horizon);
        _breakdowns = _breakdowns.Retaining(horizon);
        _interests.DropTimesBefore(horizon);
    }

    /// <summary>What the state holds that grows with event time: what eviction bounds.</summary>
    public StateFootprint Footprint => new(_activity.Panes, _topTracks.Panes, _breakdowns.Panes, _interests.Pairs, _interests.StoredTimes);

    /// <summary>Adds the other partition's state into this one; the other is left as it was.</summary>
    public void Merge(PartitionAnalytics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
            throw new ArgumentException("cannot merge analytics into themselves", nameof(other));
        if (other.Settings != Settings)
            throw new SettingsException("cannot merge analytics built with different settings");
        // The operators share no state, so they merge side by side.
        Parallel.Invoke(
            () => _activity.Merge(other._activity),
            () => _topTracks.Merge(other._topTracks),
            () => _profiles.Merge(other._profiles),
            () => _uniqueTracks.Merge(other._uniqueTracks),
            () => _interests.Merge(other._interests),
            () => _breakdowns.Merge(other._breakdowns));
        _counters.Merge(other._counters);
        // A merge is only as complete as its most evicted part.
        if (other.Horizon is { } horizon && (Horizon is not { } mine || horizon > mine))
            Horizon = horizon;
    }

    /// <summary>Writes the whole state: a versioned header with the settings, then each operator in turn.</summary>
    public void WriteSnapshot(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        SnapshotHeader.Write(writer, Settings);
        _counters.Write(writer);
        writer.Write(Horizon.HasValue);
        writer.Write(Horizon ?? 0);
        _activity.Write(writer);
        _topTracks.Write(writer);
        _profiles.Write(writer);
        _uniqueTracks.Write(writer);
        _interests.Write(writer);
        _breakdowns.Write(writer);
    }

    /// <summary>Reads a snapshot written by <see cref="WriteSnapshot"/> with the same settings.</summary>
    /// <exception cref="SettingsException">The snapshot was taken with other settings.</exception>
    /// <exception cref="InvalidDataException">The stream is not a snapshot this build can read.</exception>
    public static PartitionAnalytics ReadSnapshot(Stream input, AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        var analytics = new PartitionAnalytics(settings);
        using var reader = new BinaryReader(input, Encoding.UTF8, leaveOpen: true);
        try
        {
            var version = SnapshotHeader.Read(reader, settings);
            analytics._counters = RunCounters.Read(reader);
            if (version >= 2)
            {
                var evicted = reader.ReadBoolean();
                var horizon = reader.ReadInt64();
                analytics.Horizon = evicted ? horizon : null;
            }
            analytics._activity = ActivityOperator.Read(reader, settings);
            analytics._topTracks = TopTracksOperator.Read(reader, settings);
            analytics._profiles = ProfilesOperator.Read(reader);
            analytics._uniqueTracks = UniqueTracksOperator.Read(reader);
            analytics._interests = InterestsOperator.Read(reader, settings);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the snapshot is truncated", e);
        }
        // Breakdowns came after the first snapshots: one that ends here predates them, and its
        // breakdowns start empty rather than failing a restore of everything else.
        try
        {
            if (!input.CanSeek || input.Position < input.Length)
                analytics._breakdowns = BreakdownsOperator.Read(reader, settings);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the snapshot is truncated", e);
        }
        return analytics;
    }

    /// <summary>The dashboard's breakdowns (not part of the results contract or the export).</summary>
    public BreakdownResults ComputeBreakdowns()
    {
        var breakdowns = _breakdowns.Compute();
        if (FirstWholePaneStart is not { } firstStart)
            return breakdowns;
        return breakdowns with { Panes = breakdowns.Panes.Where(p => p.PaneStart >= firstStart).ToList() };
    }

    /// <summary>
    /// After an eviction, the start of the first breakdown (activity) pane still kept whole: those
    /// before it may be partial and are left out of the breakdowns. Null when nothing was evicted.
    /// </summary>
    public long? FirstWholePaneStart => Horizon is { } horizon
        ? PaneRetention.FirstNeeded(horizon, Settings.ActivityWindowSeconds, Settings.ActivitySlideSeconds) * Settings.ActivitySlideSeconds
        : null;

    /// <summary>All results, each list ordered by its key.</summary>
    /// <remarks>
    /// The operators' results are independent (profiles only read the interests' pair table, which
    /// the interests also only read here), so they are computed side by side.
    /// </remarks>
    public AnalyticsResults ComputeResults()
    {
        List<ActivityWindow>? activity = null;
        List<TopTracksWindow>? topTracks = null;
        List<CustomerProfile>? profiles = null;
        List<Results.UniqueTracks>? uniqueTracks = null;
        List<Interest>? interests = null;
        Parallel.Invoke(
            () => activity = _activity.ComputeWindows(),
            () => topTracks = _topTracks.ComputeWindows(),
            () => profiles = _profiles.ComputeProfiles(_interests.DistinctTracksByCustomer()),
            () => uniqueTracks = _uniqueTracks.ComputeScopes(),
            () => interests = _interests.ComputeInterests());
        if (Horizon is { } horizon)
        {
            activity!.RemoveAll(w => !PaneRetention.IsComplete(w.WindowEnd, horizon));
            topTracks!.RemoveAll(w => !PaneRetention.IsComplete(w.WindowEnd, horizon));
        }
        return new AnalyticsResults(
            activity!,
            topTracks!,
            profiles!,
            ProfilesOperator.Summarize(profiles!),
            uniqueTracks!,
            interests!,
            _counters.ToSummary());
    }
}
