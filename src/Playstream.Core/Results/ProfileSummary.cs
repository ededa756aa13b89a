namespace Playstream.Core.Results;

/// <summary>Means across customers of each share of a customer's plays.</summary>
public sealed record ProfileSummary(
    long Customers, double Morning, double Afternoon, double Evening, double Night, double Mobile, double Unique);
