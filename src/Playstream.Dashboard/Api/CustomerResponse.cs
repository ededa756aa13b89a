namespace Playstream.Dashboard.Api;

/// <summary>What <c>/api/customers/{id}</c> answers: the customer's details, profile shares and interests.</summary>
public sealed record CustomerResponse(
    int CustomerId, bool Known, string Name, string Gender, string Level, string Age, string Zip,
    long Plays, double Morning, double Afternoon, double Evening, double Night, double Mobile,
    long MobilePlays, long UniqueTracks, IReadOnlyList<InterestRow> Interests);
