using System.Globalization;

namespace Playstream.Redis;

/// <summary>
/// Every key name Playstream reads or writes, in one place (docs/redis-keys.md describes them).
/// All but the original layout's customer keys start with <see cref="Prefix"/>.
/// </summary>
public sealed class RedisKeys
{
    public RedisKeys(string prefix = RedisOptions.DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Prefix = prefix;
    }

    public string Prefix { get; }

    // Lookups, playstream layout.
    public string Customer(int id) => $"{Prefix}customer:{Id(id)}";
    public string Track(int id) => $"{Prefix}track:{Id(id)}";
    public string CustomerIds => $"{Prefix}customers";
    public string TrackIds => $"{Prefix}tracks";
    public string LookupsVersion => $"{Prefix}lookups:version";

    // Lookups, the original loader's layout: the bare id, plus our own record of which ids we wrote.
    public static string OriginalCustomer(int id) => Id(id);
    public string OriginalCustomerIds => $"{Prefix}original:customers";

    // Results.
    public string Interests(int customerId) => $"{Prefix}interests:{Id(customerId)}";
    public string InterestDetectedAt(int customerId) => $"{Prefix}interests_detected_at:{Id(customerId)}";
    public string InterestCustomers => $"{Prefix}interest_customers";
    public string UniqueTracks(string scope) => $"{Prefix}unique_tracks:{scope}";
    public string TopTracks(string gender) => $"{Prefix}top_tracks:{gender}";
    public string TopTracksGenders => $"{Prefix}top_tracks_genders";
    public string Profile(int customerId) => $"{Prefix}profile:{Id(customerId)}";
    public string ProfileCustomers => $"{Prefix}profile_customers";
    public string ProfileSummary => $"{Prefix}profile_summary";
    public string Summary => $"{Prefix}summary";

    // Streaming tasks, one job per group and topic. The job's name is a hash tag, so that on a Redis
    // cluster all its keys share one slot and a task's commit stays one transaction.
    public string TaskEpoch(string job, int partition) => $"{Prefix}task:{{{job}}}:{Id(partition)}:epoch";
    public string TaskSnapshot(string job, int partition) => $"{Prefix}task:{{{job}}}:{Id(partition)}:snapshot";
    public string TaskLog(string job, int partition) => $"{Prefix}task:{{{job}}}:{Id(partition)}:log";
    public string TaskWindows(string job, int partition) => $"{Prefix}task:{{{job}}}:{Id(partition)}:windows";
    public string TaskPartials(string job, int partition) => $"{Prefix}task:{{{job}}}:{Id(partition)}:partials";
    public string TaskProgress(string job) => $"{Prefix}task:{{{job}}}:progress";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
