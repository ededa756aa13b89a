namespace Playstream.Dashboard.Sources;

/// <summary>
/// Where the dashboard reads results: an embedded store, or Elasticsearch and Redis. The page
/// asks <see cref="VersionAsync"/> often (it must be cheap) and <see cref="LoadAsync"/> only
/// when the version changed.
/// </summary>
public interface IDashboardSource
{
    /// <summary>A token that changes whenever the results change (a new run, a flush, a finish).</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The results as they are now, read consistently.</summary>
    Task<DashboardData> LoadAsync(CancellationToken cancellationToken = default);
}
