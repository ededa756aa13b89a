using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class CustomerModelTests
{
    private static readonly CustomerModel Model = CustomerModel.Create(20_000, 42);

    [Fact]
    public void Traits_come_in_the_shares_of_the_seed_data_and_within_their_ranges()
    {
        var customers = Enumerable.Range(0, Model.Count).ToList();

        Assert.InRange(customers.Count(c => Model.Gender(c) == 0) / 20_000.0, 0.58, 0.62);
        Assert.All(customers, c => Assert.InRange(Model.Gender(c), 0, 1));
        Assert.All(customers, c => Assert.InRange(Model.Zip(c), 1001, 99950));
        Assert.InRange(customers.Count(c => Model.Level(c) == 0) / 20_000.0, 0.58, 0.62);
        Assert.InRange(customers.Count(c => Model.Level(c) == 1) / 20_000.0, 0.25, 0.29);
        Assert.InRange(customers.Count(c => Model.Level(c) == 2) / 20_000.0, 0.11, 0.15);
        // Mobile shares between 15 % and 85 % (thresholds of 2^32).
        Assert.All(customers, c => Assert.InRange(Model.MobileThreshold(c) / 4294967296.0, 0.149, 0.851));
    }

    [Fact]
    public void A_few_customers_do_most_of_the_listening()
    {
        var rng = new Xoshiro256StarStar(9);
        var plays = new int[Model.Count];
        for (var i = 0; i < 400_000; i++)
            plays[Model.SampleListener(rng.NextUInt64())]++;

        var busiestTenth = plays.OrderDescending().Take(Model.Count / 10).Sum() / 400_000.0;
        Assert.InRange(busiestTenth, 0.3, 0.8); // log-normal appetite: far from the 10 % of an even spread
    }

    [Fact]
    public void The_seed_alone_decides_every_trait()
    {
        var again = CustomerModel.Create(20_000, 42);
        var other = CustomerModel.Create(20_000, 43);
        var traits = (CustomerModel m) => Enumerable.Range(0, 500).Select(c => (m.Gender(c), m.Zip(c), m.Level(c), m.MobileThreshold(c))).ToList();

        Assert.Equal(traits(Model), traits(again));
        Assert.NotEqual(traits(Model), traits(other));
    }
}
