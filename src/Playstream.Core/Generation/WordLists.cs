namespace Playstream.Core.Generation;

/// <summary>
/// Made-up building blocks for names, addresses, titles and artists. Invented combinations, not
/// real people or records; only plausible-looking.
/// </summary>
internal static class WordLists
{
    public static readonly string[] FirstNames =
    [
        "Adam", "Alice", "Amber", "Andrew", "Angela", "Anna", "Brandon", "Brenda", "Carl", "Carmen",
        "Charles", "Cheryl", "Chris", "Cynthia", "Daniel", "Deborah", "Dennis", "Diana", "Donald", "Donna",
        "Edward", "Elena", "Eric", "Erica", "Frank", "Francine", "Gary", "Gloria", "Gregory", "Hannah",
        "Harold", "Helen", "Henry", "Irene", "Jack", "Janet", "Jason", "Jessica", "Joe", "Joyce",
        "Karen", "Keith", "Kevin", "Laura", "Larry", "Linda", "Louis", "Lucia", "Marcus", "Maria",
        "Mark", "Martha", "Nathan", "Nancy", "Nora", "Oscar", "Pamela", "Patrick", "Paula", "Peter",
        "Rachel", "Ralph", "Rebecca", "Robert", "Rosa", "Roy", "Ruth", "Samuel", "Sandra", "Scott",
        "Sharon", "Sofia", "Steven", "Susan", "Terry", "Theresa", "Tyler", "Vera", "Walter", "Wendy",
    ];

    /// <summary>Surnames are built from a head and a tail: "Kov" + "al", "Pel" + "tier".</summary>
    public static readonly string[] SurnameHeads =
    [
        "Ab", "Bar", "Bel", "Bran", "Cal", "Car", "Dal", "Den", "Dor", "El", "Fal", "Fer", "Gal", "Gor",
        "Hal", "Har", "Hol", "Kel", "Kov", "Lan", "Lind", "Mac", "Mar", "Mel", "Mor", "Nor", "Os", "Pel",
        "Ram", "Ros", "Sal", "Sand", "Stan", "Tal", "Thorn", "Val", "Wal", "Win", "Yor", "Zan",
    ];

    public static readonly string[] SurnameTails =
    [
        "al", "ard", "berg", "by", "den", "don", "er", "ett", "ford", "gren", "ham", "ik", "ing", "ley",
        "lin", "man", "mond", "ner", "ov", "quist", "rick", "sen", "son", "ster", "ston", "ter", "tier",
        "ton", "well", "wood",
    ];

    public static readonly string[] StreetAdjectives =
    [
        "Amber", "Bent", "Blue", "Bright", "Broad", "Cedar", "Clear", "Cold", "Dusty", "Easy", "Emerald",
        "Foggy", "Gentle", "Golden", "Green", "Hidden", "High", "Honey", "Indian", "Iron", "Lazy", "Little",
        "Lost", "Misty", "Noble", "Old", "Pleasant", "Quiet", "Red", "Rocky", "Rustic", "Silent", "Silver",
        "Sleepy", "Stony", "Sunny", "Tawny", "Thunder", "Velvet", "Windy",
    ];

    public static readonly string[] StreetNouns =
    [
        "Acres", "Apple", "Bear", "Branch", "Brook", "Cider", "Cloud", "Creek", "Deer", "Elk", "Embers",
        "Fawn", "Fox", "Gate", "Goose", "Hickory", "Hills", "Horse", "Lake", "Leaf", "Maple", "Meadow",
        "Mill", "Oak", "Pine", "Pony", "Prairie", "Quail", "Rabbit", "Ridge", "River", "Robin", "Sky",
        "Spring", "Stone", "Timber", "Trail", "Willow", "Wolf", "Zephyr",
    ];

    public static readonly string[] StreetTypes =
    [
        "Avenue", "Bend", "Boulevard", "Circle", "Court", "Crossing", "Drive", "Gardens", "Heights", "Highway",
        "Lane", "Loop", "Manor", "Parkway", "Path", "Place", "Point", "Road", "Row", "Run", "Square",
        "Street", "Terrace", "Trace", "Villa", "Way",
    ];

    public static readonly string[] TitleAdjectives =
    [
        "Blue", "Broken", "Burning", "Crazy", "Dark", "Electric", "Endless", "Faded", "Falling", "Golden",
        "Heavy", "Hollow", "Last", "Lonely", "Lost", "Midnight", "Neon", "Paper", "Restless", "Secret",
        "Silent", "Silver", "Simple", "Strange", "Summer", "Sweet", "Wild", "Winter", "Young", "Wicked",
    ];

    public static readonly string[] TitleNouns =
    [
        "Angel", "Avenue", "Band", "Boulevard", "Candle", "City", "Dancer", "Days", "Dream", "Fire",
        "Friend", "Garden", "Ghost", "Girl", "Heart", "Highway", "Horizon", "Island", "Light", "Love",
        "Machine", "Memory", "Moon", "Morning", "Night", "Ocean", "Radio", "Rain", "River", "Road",
        "Shadow", "Sky", "Song", "Star", "Storm", "Street", "Sun", "Thunder", "Train", "Window",
    ];

    public static readonly string[] TitleVerbs =
    [
        "Chasing", "Crying", "Dancing", "Dreaming", "Driving", "Falling", "Flying", "Holding", "Leaving",
        "Living", "Looking", "Losing", "Running", "Searching", "Shining", "Singing", "Waiting", "Walking",
    ];

    public static readonly string[] TitlePrepositions = ["Through", "Into", "Under", "Across", "Beyond", "After", "Before", "Without"];

    public static readonly string[] TitleCalls = ["Hold On", "Come Back", "Let Go", "Stay", "Move On", "Wake Up", "Slow Down", "Hurry Home"];

    public static readonly string[] BandNouns =
    [
        "Arrows", "Bandits", "Birds", "Cardinals", "Comets", "Drifters", "Echoes", "Falcons", "Flames",
        "Hawks", "Kings", "Lights", "Mirrors", "Outlaws", "Pilots", "Rebels", "Riders", "Saints", "Shadows",
        "Sparks", "Strangers", "Tigers", "Travelers", "Wolves",
    ];

    /// <summary>One word of a list, uniformly.</summary>
    public static string Pick(ref Xoshiro256StarStar rng, string[] words) => words[rng.NextInt(words.Length)];

    /// <summary>A made-up surname of a head and a tail syllable.</summary>
    public static string Surname(ref Xoshiro256StarStar rng) => Pick(ref rng, SurnameHeads) + Pick(ref rng, SurnameTails);
}
