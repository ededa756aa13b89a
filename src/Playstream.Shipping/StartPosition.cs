namespace Playstream.Shipping;

/// <summary>Where a file never seen before starts.</summary>
public enum StartPosition
{
    /// <summary>Its first line.</summary>
    Beginning,

    /// <summary>
    /// After its last complete line: only lines written from now on. Applies to the files found
    /// when the shipper starts; a file that appears later (after a rotation, say) is read from its
    /// beginning, or the lines written before it was noticed would be lost.
    /// </summary>
    End,
}
