using Playstream.Core.Lookups;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// A customer as the original loader wrote it: the bare id as the key, with its mixed-case field
/// names. The original made up a random age (its file had none); here <c>age</c> is the file's
/// Age column when there is one, else empty, so two loads of one file write the same values.
/// </summary>
public static class OriginalCustomerHash
{
    public static HashEntry[] ToEntries(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return
        [
            new("name", customer.Name),
            new("gender", customer.Gender),
            new("age", customer.Age ?? ""),
            new("zip", customer.Zip),
            new("Address", customer.Address),
            new("SignDate", customer.SignDate),
            new("Status", customer.Status),
            new("Level", customer.Level),
            new("Campaign", customer.Campaign),
            new("LinkedWithApps", customer.LinkedWithApps),
        ];
    }
}
