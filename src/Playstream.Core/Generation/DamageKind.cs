namespace Playstream.Core.Generation;

/// <summary>What <see cref="EventDamage"/> does to one play: nothing, an unknown customer or track, or a broken line.</summary>
internal enum DamageKind
{
    None,
    UnknownId,
    Broken,
}
