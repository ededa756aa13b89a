namespace Playstream.Core.Lookups;

/// <summary>
/// Customers by id. Ids are small integers in practice, so a dense array serves the hot-path
/// lookup with one bounds check; ids past <see cref="DenseLimit"/> fall back to a dictionary.
/// </summary>
public sealed class CustomerTable
{
    /// <summary>Ids below this live in the dense array (16 Mi entries: 128 MiB of references at most).</summary>
    public const int DenseLimit = 1 << 24;

    private Customer?[] _dense = [];
    private byte[] _genderSlots = [];
    private readonly Dictionary<int, Customer> _sparse = [];

    public int Count { get; private set; }

    public void Set(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.Id < 0)
            throw new ArgumentOutOfRangeException(nameof(customer), "customer id must be >= 0");
        if (customer.Id < DenseLimit)
        {
            if (customer.Id >= _dense.Length)
            {
                var size = Math.Min(DenseLimit, Math.Max(customer.Id + 1, _dense.Length * 2));
                Array.Resize(ref _dense, size);
                Array.Resize(ref _genderSlots, size);
            }
            if (_dense[customer.Id] is null) Count++;
            _dense[customer.Id] = customer;
            _genderSlots[customer.Id] = customer.GenderSlot;
        }
        else
        {
            if (!_sparse.ContainsKey(customer.Id)) Count++;
            _sparse[customer.Id] = customer;
        }
    }

    public Customer? Get(int id)
    {
        if ((uint)id < (uint)_dense.Length)
            return _dense[id];
        return id >= DenseLimit && _sparse.TryGetValue(id, out var c) ? c : null;
    }

    /// <summary>Whether the customer is known; the hot path's only question besides gender.</summary>
    public bool Contains(int id) => (uint)id < (uint)_dense.Length ? _dense[id] is not null : id >= DenseLimit && _sparse.ContainsKey(id);

    /// <summary>The gender slot of a customer, <see cref="GenderCodes.UnknownSlot"/> when unknown.</summary>
    public byte GenderSlot(int id)
    {
        if ((uint)id < (uint)_genderSlots.Length)
            return _genderSlots[id];
        return id >= DenseLimit && _sparse.TryGetValue(id, out var c) ? c.GenderSlot : GenderCodes.UnknownSlot;
    }

    public IEnumerable<Customer> All()
    {
        foreach (var c in _dense)
            if (c is not null)
                yield return c;
        foreach (var c in _sparse.Values)
            yield return c;
    }
}
