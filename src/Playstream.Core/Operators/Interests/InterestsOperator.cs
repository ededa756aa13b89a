using Playstream.Core.Engine;
using Playstream.Core.Results;

namespace Playstream.Core.Operators.Interests;

/// <summary>
/// Interests: a customer who played a track <see cref="AnalyticsSettings.InterestPlays"/>
/// times within <see cref="AnalyticsSettings.InterestWithinSeconds"/>, detected at the
/// smallest last time of such a run. Its (customer, track) table also yields the distinct
/// tracks of each customer, which the profiles need.
/// </summary>
public sealed class InterestsOperator
{
    private readonly CustomerTrackPlays _pairs;
    private readonly long _within;

    public InterestsOperator(AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _pairs = new CustomerTrackPlays(settings.InterestPlays, settings.InterestWithinSeconds);
        _within = settings.InterestWithinSeconds;
    }

    /// <summary>How many distinct (customer, track) pairs were played.</summary>
    public int Pairs => _pairs.Count;

    /// <summary>How many play times the pairs hold.</summary>
    public long StoredTimes => _pairs.StoredTimes;

    public void Add(int customerId, int trackId, long time) => _pairs.Add(customerId, trackId, time);

    /// <summary>Adds a play; says whether it is the customer's first play of the track, and whether the interest's detection changed.</summary>
    public PairChange AddReportingChange(int customerId, int trackId, long time) => _pairs.AddReportingChange(customerId, trackId, time);

    /// <summary>When the customer's interest in the track was detected, or null.</summary>
    public long? DetectedAt(int customerId, int trackId) => _pairs.DetectedAt(customerId, trackId);

    /// <summary>Calls <paramref name="visit"/> with each played pair's customer and track.</summary>
    public void ForEachPair(Action<int, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        _pairs.ForEach((customer, track, _) => visit(customer, track));
    }
    /// <summary>Adds plays as (customer, track) keys with times, best in the pair table's order.</summary>
    internal void AddMany(ReadOnlySpan<PairTime> plays) => _pairs.AddMany(plays);

    /// <summary>
    /// For an endless stream whose plays from now on are all at or after <paramref name="horizon"/>:
    /// drops the times no such play can share an interest window with (before horizon - within).
    /// Every pair stays, as the profiles' distinct tracks need them; interests detected before the
    /// horizon may afterwards be missing from <see cref="ComputeInterests"/> (their results are final).
    /// </summary>
    public void DropTimesBefore(long horizon) => _pairs.DropTimesBefore(horizon - _within);

    public void Merge(InterestsOperator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
            throw new ArgumentException("cannot merge an operator into itself", nameof(other));
        _pairs.Merge(other._pairs);
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _pairs.Write(writer);
    }

    public static InterestsOperator Read(BinaryReader reader, AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new InterestsOperator(settings);
        result._pairs.Read(reader);
        return result;
    }

    /// <summary>Every detected interest, by customer then track.</summary>
    public List<Interest> ComputeInterests()
    {
        var interests = new List<Interest>();
        _pairs.ForEach((customer, track, detected) =>
        {
            if (detected is { } at)
                interests.Add(new Interest(customer, track, at));
        });
        interests.Sort((a, b) => a.CustomerId != b.CustomerId ? a.CustomerId.CompareTo(b.CustomerId) : a.TrackId.CompareTo(b.TrackId));
        return interests;
    }

    /// <summary>How many distinct tracks each customer played.</summary>
    public Dictionary<int, long> DistinctTracksByCustomer()
    {
        var byCustomer = new Dictionary<int, long>();
        _pairs.ForEach((customer, _, _) =>
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byCustomer, customer, out _)++);
        return byCustomer;
    }
}
