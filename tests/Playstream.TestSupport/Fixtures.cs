using Playstream.Core.Lookups;

namespace Playstream.TestSupport;

/// <summary>
/// Small data files the repository owns (Fixtures/, copied beside the test binaries) holding every
/// quirk of the original system's files, so a clone with nothing beside it still tests them:
/// <list type="bullet">
/// <item><c>cust.csv</c>: CRLF lines; customer 0; names and addresses with commas and <c>""</c> quotes; unquoted fields.</item>
/// <item><c>music.csv</c>: plain rows, well-formed quoted rows (a comma, <c>""</c>), and the seed's broken
/// quoting (<c>326,Helplessly Hoping,"Crosby,195</c>, <c>119,Silver Blue And Gold, Blue And Gold",147</c>).</item>
/// <item><c>plays.csv</c>: LF and CRLF lines mixed, blank lines, quoted and unquoted fields, an empty zip,
/// a repeated event id, customer 0, an unknown customer (99) and an unknown track (9999), an interest
/// (customer 1, track 326, three plays within 30 minutes), and one bad line of each reason a line can have on its own.</item>
/// </list>
/// The expected values below are worked out by hand from the files, not read by any product code.
/// </summary>
public static class Fixtures
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Customers => File("cust.csv");
    public static string Tracks => File("music.csv");
    public static string Plays => File("plays.csv");

    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>cust.csv's rows as the contract reads them (quotes removed, <c>""</c> as one quote).</summary>
    public static IReadOnlyList<Customer> CustomerRows { get; } =
    [
        new(0, "Ada Zero", "0", "1 First Street", "10001", "01/02/2013", "1", "1", "1", "0", null),
        new(1, "Smith, Jo", "1", "2 Second Avenue, Apt 3", "10002", "02/03/2013", "1", "0", "2", "1", null),
        new(2, "Jo \"JJ\" Lee", "0", "3 \"Old\" Road", "10003", "03/04/2013", "0", "2", "3", "0", null),
        new(3, "O'Brien, \"Pat\"", "1", "4 Fourth Street", "10004", "04/05/2013", "1", "2", "4", "1", null),
        new(4, "Plain Name", "1", "5 Unquoted Way", "10005", "05/06/2013", "1", "0", "1", "1", null),
    ];

    /// <summary>music.csv's rows as the contract reads them: RFC 4180 where that gives four fields, else the plain-comma repair.</summary>
    public static IReadOnlyList<Track> TrackRows { get; } =
    [
        new(0, "Caught Up In You", ".38 Special", 200),
        new(1, "Plain Song", "Plain Band", 180),
        new(2, "Hello, Goodbye", "The Beatles", 211),
        new(3, "Say \"Hi\"", "Quote Band", 150),
        new(119, "Silver Blue And Gold", "Blue And Gold", 147),
        new(326, "Helplessly Hoping", "Crosby", 195),
        new(1578, "HELLO I LOVE YOU", "I Love You", 244),
    ];

    public static IReadOnlyDictionary<int, string> CustomerGenders { get; } = new Dictionary<int, string>
    {
        [0] = "0", [1] = "1", [2] = "0", [3] = "1", [4] = "1",
    };

    public static IReadOnlySet<int> TrackIds { get; } = new HashSet<int> { 0, 1, 2, 3, 119, 326, 1578 };

    /// <summary>plays.csv's valid plays: event ids 0-13, with 5 twice.</summary>
    public const int PlayCount = 15;

    /// <summary>plays.csv's plays of customer 99, who is not in cust.csv, and of track 9999, which is not in music.csv.</summary>
    public const int UnknownCustomerPlays = 1;
    public const int UnknownTrackPlays = 1;

    /// <summary>plays.csv's bad lines: one of each reason (all but <c>late</c>, which needs a lateness setting).</summary>
    public static IReadOnlyDictionary<string, long> DeadLettersByReason { get; } = new Dictionary<string, long>
    {
        ["bad_customer_id"] = 1, ["bad_datetime"] = 1, ["bad_encoding"] = 1, ["bad_event_id"] = 1,
        ["bad_ismobile"] = 1, ["bad_quoting"] = 1, ["bad_track_id"] = 1, ["field_count"] = 1,
    };
}
