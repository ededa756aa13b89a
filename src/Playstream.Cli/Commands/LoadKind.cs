namespace Playstream.Cli.Commands;

internal enum LoadKind
{
    Customers,
    Tracks,
}
