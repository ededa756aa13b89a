using System.Globalization;
using static Playstream.Core.Generation.WordLists;

namespace Playstream.Core.Generation;

/// <summary>
/// Writes <c>cust.csv</c> in the seed file's style (text fields quoted, codes not) with the extra
/// <c>Age</c> column the original loader invented. Gender, zip and level come from the
/// <see cref="CustomerModel"/> the plays are drawn from; the rest from its own random stream.
/// </summary>
internal static class CustomerFileWriter
{
    public const string Header = "CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps,Age";

    /// <summary>Customers signed up during the three years before the period starts.</summary>
    private const int SignUpWindowDays = 3 * 365;

    public static void Write(Stream destination, CustomerModel model, long seed, DateTime start)
    {
        var rng = new Xoshiro256StarStar(SplitMix64.Derive(seed, RandomStream.CustomerDetails));
        using var writer = CsvText.CreateWriter(destination);
        writer.WriteLine(Header);
        var inv = CultureInfo.InvariantCulture;
        for (var id = 0; id < model.Count; id++)
        {
            var name = Pick(ref rng, WordLists.FirstNames) + " " + Surname(ref rng);
            var address = string.Create(inv, $"{rng.NextInt(100, 100000)} {Pick(ref rng, WordLists.StreetAdjectives)} {Pick(ref rng, WordLists.StreetNouns)} {Pick(ref rng, WordLists.StreetTypes)}");
            var signDate = start.AddDays(-1 - rng.NextInt(SignUpWindowDays)).ToString("MM/dd/yyyy", inv);
            var status = rng.NextDouble() < 0.95 ? 1 : 0;
            var campaign = rng.NextInt(1, 5);
            var linked = rng.NextDouble() < 0.45 ? 1 : 0;
            // Skewed young: most listeners are in their twenties and thirties.
            var age = 18 + (int)(58 * Math.Pow(rng.NextDouble(), 1.6));
            writer.WriteLine(string.Create(inv,
                $"{id},{CsvText.Quoted(name)},{model.Gender(id)},{CsvText.Quoted(address)},\"{model.Zip(id):D5}\",\"{signDate}\",{status},{model.Level(id)},{campaign},{linked},{age}"));
        }
    }
}
