using Playstream.Core.Operators.Profiles;
using Playstream.Core.Results;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Operators.Profiles;

public class ProfilesOperatorTests
{
    [Fact]
    public void Counts_plays_by_part_of_day_and_mobile_per_customer_including_customer_0()
    {
        var profiles = new ProfilesOperator();
        profiles.Add(0, Utc.Seconds("2014-10-23 05:00:00"), isMobile: true);
        profiles.Add(0, Utc.Seconds("2014-10-23 04:59:59"), isMobile: false);
        profiles.Add(9, Utc.Seconds("2014-10-23 17:00:00"), isMobile: false);
        profiles.Add(0, Utc.Seconds("2014-10-23 12:00:00"), isMobile: true);

        var result = profiles.ComputeProfiles(new Dictionary<int, long> { [0] = 2, [9] = 1 });
        Assert.Equal(
            new[]
            {
                new CustomerProfile(0, 3, Morning: 1, Afternoon: 1, Evening: 0, Night: 1, MobilePlays: 2, UniqueTracks: 2),
                new CustomerProfile(9, 1, Morning: 0, Afternoon: 0, Evening: 1, Night: 0, MobilePlays: 0, UniqueTracks: 1),
            },
            result);
    }

    [Fact]
    public void Summary_is_the_mean_of_each_customers_shares()
    {
        var summary = ProfilesOperator.Summarize(
        [
            new CustomerProfile(1, 2, Morning: 1, Afternoon: 0, Evening: 0, Night: 1, MobilePlays: 1, UniqueTracks: 2),
            new CustomerProfile(2, 1, Morning: 0, Afternoon: 0, Evening: 1, Night: 0, MobilePlays: 0, UniqueTracks: 1),
        ]);
        Assert.Equal(new ProfileSummary(2, Morning: 0.25, Afternoon: 0, Evening: 0.5, Night: 0.25, Mobile: 0.25, Unique: 1), summary);
    }

    [Fact]
    public void Summary_of_no_customers_is_zeros() =>
        Assert.Equal(new ProfileSummary(0, 0, 0, 0, 0, 0, 0), ProfilesOperator.Summarize([]));

    [Fact]
    public void Merge_adds_a_shared_customers_counts_and_snapshot_keeps_them()
    {
        var left = new ProfilesOperator();
        var right = new ProfilesOperator();
        left.Add(int.MaxValue, Utc.Seconds("2014-10-23 08:00:00"), true);
        right.Add(int.MaxValue, Utc.Seconds("2014-10-23 23:00:00"), false);
        right.Add(3, Utc.Seconds("2014-10-23 13:00:00"), false);
        left.Merge(right);

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            left.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var restored = ProfilesOperator.Read(reader);

        var expected = new[]
        {
            new CustomerProfile(3, 1, 0, 1, 0, 0, 0, 0),
            new CustomerProfile(int.MaxValue, 2, 1, 0, 0, 1, 1, 0),
        };
        Assert.Equal(expected, left.ComputeProfiles(new Dictionary<int, long>()));
        Assert.Equal(expected, restored.ComputeProfiles(new Dictionary<int, long>()));
        Assert.Equal(2, right.ComputeProfiles(new Dictionary<int, long>()).Sum(p => p.Plays));
    }
}
