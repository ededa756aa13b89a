namespace Playstream.Core.Streaming.Ports;

/// <summary>
/// Where results go (Elasticsearch and Redis on servers). Every result carries a version that
/// grows whenever its content does (a window's plays, a profile's plays, an interest's earliness,
/// the summary's records): a sink keeps the highest version it was given, so writes landing out
/// of order, or from an owner that has since lost its partition, never put an older value back.
/// </summary>
public interface IResultSink
{
    Task WriteAsync(ResultChanges changes, CancellationToken cancellationToken);
}
