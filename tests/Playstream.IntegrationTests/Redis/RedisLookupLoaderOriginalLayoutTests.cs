using Playstream.TestSupport;
using Playstream.Core.Lookups;
using Playstream.Redis;
using StackExchange.Redis;
using Xunit;

namespace Playstream.IntegrationTests.Redis;

/// <summary>The original loader's layout: bare ids as keys. Cleans up every id it wrote.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLookupLoaderOriginalLayoutTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();
    private RedisKeys Keys => new(_prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var chunk in Enumerable.Range(0, 5000).Chunk(1000))
            await redis.Db.KeyDeleteAsync(chunk.Select(id => (RedisKey)id.ToString()).ToArray());
        await redis.DeletePrefixAsync(_prefix);
    }

    [Fact]
    public Task Fixture_customers_are_bare_id_hashes_with_the_original_fields_customer_0_included() =>
        CustomersAreBareIdHashesAsync(Fixtures.Customers, Fixtures.CustomerRows.ToDictionary(c => c.Id, c => new Dictionary<string, string>
        {
            ["Name"] = c.Name, ["Gender"] = c.Gender, ["zip"] = c.Zip, ["Address"] = c.Address, ["SignDate"] = c.SignDate,
            ["Status"] = c.Status, ["Level"] = c.Level, ["Campaign"] = c.Campaign, ["LinkedWithApps"] = c.LinkedWithApps,
        }));

    [SeedDataFact]
    public Task Seed_customers_are_bare_id_hashes_with_the_original_fields_customer_0_included() =>
        CustomersAreBareIdHashesAsync(SeedFiles.Customers, SeedFiles.CustomerRows());

    /// <param name="rows">The file's rows by id: column name to value.</param>
    private async Task CustomersAreBareIdHashesAsync(string file, Dictionary<int, Dictionary<string, string>> rows)
    {
        var loader = new RedisLookupLoader(redis.Connection, Keys);
        var report = await loader.LoadCustomersAsync(CustomerReader.Read(file).Table, RedisLookupLayout.Original);
        Assert.Equal(rows.Count, report.Written);
        Assert.Contains(0, rows.Keys);

        foreach (var (id, row) in rows)
        {
            var stored = (await redis.Db.HashGetAllAsync(id.ToString())).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
            var expected = new Dictionary<string, string>
            {
                ["name"] = row["Name"], ["gender"] = row["Gender"], ["age"] = "", ["zip"] = row["zip"],
                ["Address"] = row["Address"], ["SignDate"] = row["SignDate"], ["Status"] = row["Status"],
                ["Level"] = row["Level"], ["Campaign"] = row["Campaign"], ["LinkedWithApps"] = row["LinkedWithApps"],
            };
            Assert.Equal(expected, stored);
        }
        // The playstream layout's keys are not written by this layout.
        Assert.False(await redis.Db.KeyExistsAsync(Keys.Customer(0)));
    }

    [Fact]
    public async Task A_customer_gone_from_the_file_is_deleted_on_reload()
    {
        var full = CustomerReader.Read(Fixtures.Customers).Table;
        var loader = new RedisLookupLoader(redis.Connection, Keys);
        await loader.LoadCustomersAsync(full, RedisLookupLayout.Original);
        var without = new CustomerTable();
        foreach (var c in full.All().Where(c => c.Id != 2))
            without.Set(c);

        var report = await loader.LoadCustomersAsync(without, RedisLookupLayout.Original);

        Assert.Equal(1, report.Removed);
        Assert.False(await redis.Db.KeyExistsAsync("2"));
        Assert.True(await redis.Db.KeyExistsAsync("3"));
    }
}
