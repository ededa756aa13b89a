using Playstream.Core.Lookups;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// A customer as the playstream layout's hash (<c>playstream:customer:{id}</c>): snake_case
/// fields holding the file's values as written; <c>age</c> only when the file has an Age column.
/// </summary>
public static class CustomerHash
{
    public const string Name = "name";
    public const string Gender = "gender";
    public const string Address = "address";
    public const string Zip = "zip";
    public const string SignDate = "sign_date";
    public const string Status = "status";
    public const string Level = "level";
    public const string Campaign = "campaign";
    public const string LinkedWithApps = "linked_with_apps";
    public const string Age = "age";

    public static HashEntry[] ToEntries(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var entries = new List<HashEntry>(10)
        {
            new(Name, customer.Name),
            new(Gender, customer.Gender),
            new(Address, customer.Address),
            new(Zip, customer.Zip),
            new(SignDate, customer.SignDate),
            new(Status, customer.Status),
            new(Level, customer.Level),
            new(Campaign, customer.Campaign),
            new(LinkedWithApps, customer.LinkedWithApps),
        };
        if (customer.Age is not null)
            entries.Add(new HashEntry(Age, customer.Age));
        return [.. entries];
    }

    /// <summary>The customer a hash describes; null for an empty hash (a key that is gone). Missing fields read as empty.</summary>
    public static Customer? FromEntries(int id, HashEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Length == 0)
            return null;
        var fields = entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        string Field(string name) => fields.TryGetValue(name, out var v) ? v : "";
        return new Customer(
            id,
            Field(Name),
            Field(Gender),
            Field(Address),
            Field(Zip),
            Field(SignDate),
            Field(Status),
            Field(Level),
            Field(Campaign),
            Field(LinkedWithApps),
            fields.TryGetValue(Age, out var age) ? age : null);
    }
}
