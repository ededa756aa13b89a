namespace Playstream.Core.Generation;

/// <summary>
/// The listening-relevant traits of every customer, derived from the seed alone so that the
/// customer file, the event log and a live writer started later all agree on them.
/// </summary>
internal sealed class CustomerModel
{
    /// <summary>Share of customers with gender code 0 (the seed data has about 60 %).</summary>
    public const double GenderZeroShare = 0.6;

    private readonly byte[] _gender;
    private readonly int[] _zip;
    private readonly byte[] _level;
    private readonly uint[] _mobileThreshold;
    private readonly AliasTable _activity;

    private CustomerModel(byte[] gender, int[] zip, byte[] level, uint[] mobileThreshold, AliasTable activity)
    {
        _gender = gender;
        _zip = zip;
        _level = level;
        _mobileThreshold = mobileThreshold;
        _activity = activity;
    }

    public int Count => _gender.Length;

    public static CustomerModel Create(int customers, long seed)
    {
        var rng = new Xoshiro256StarStar(SplitMix64.Derive(seed, RandomStream.CustomerModel));
        var gender = new byte[customers];
        var zip = new int[customers];
        var level = new byte[customers];
        var mobile = new uint[customers];
        var activity = new double[customers];
        for (var i = 0; i < customers; i++)
        {
            gender[i] = rng.NextDouble() < GenderZeroShare ? (byte)0 : (byte)1;
            zip[i] = rng.NextInt(1001, 99951);
            var l = rng.NextDouble();
            level[i] = l < 0.6 ? (byte)0 : l < 0.87 ? (byte)1 : (byte)2;
            // Some people stream on the phone, some at the desk: 15-85 %, 50 % on average.
            mobile[i] = Xoshiro256StarStar.Threshold(0.15 + 0.7 * rng.NextDouble());
            // Log-normal appetite, paying customers listen more, and a quarter barely listen:
            // the skew that makes a few customers most of the traffic.
            var appetite = Math.Exp(1.0 * rng.NextGaussian());
            var paid = level[i] switch { 0 => 1.0, 1 => 1.4, _ => 1.9 };
            var occasional = rng.NextDouble() < 0.25 ? 0.15 : 1.0;
            activity[i] = appetite * paid * occasional;
        }
        return new CustomerModel(gender, zip, level, mobile, new AliasTable(activity));
    }

    public byte Gender(int customer) => _gender[customer];

    /// <summary>Home zip code, 1001-99950, written with five digits.</summary>
    public int Zip(int customer) => _zip[customer];

    /// <summary>0/1/2 = Free/Silver/Gold.</summary>
    public byte Level(int customer) => _level[customer];

    /// <summary>The chance that one of this customer's plays is on mobile, as a <see cref="Xoshiro256StarStar.Below"/> threshold.</summary>
    public uint MobileThreshold(int customer) => _mobileThreshold[customer];

    /// <summary>A customer drawn by how much they listen.</summary>
    public int SampleListener(ulong bits) => _activity.Sample(bits);
}
