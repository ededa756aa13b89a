using Playstream.Core.Sources;

namespace Playstream.Core.Generation;

/// <summary>
/// Puts the lines of a file in a uniformly random order that depends only on the seed. Files
/// up to <see cref="BucketBytes"/> are shuffled in memory; larger ones are first dealt at
/// random into buckets of about that size beside the output (a random deal, then a random
/// order within each bucket, is a uniform shuffle), so memory stays bounded at any size.
/// </summary>
internal static class LineShuffler
{
    public const long BucketBytes = 64L << 20;

    public static void Shuffle(string source, string destination, long seed)
    {
        var rng = new Xoshiro256StarStar(SplitMix64.Derive(seed, RandomStream.Shuffle));
        var buckets = (int)Math.Max(1, (new FileInfo(source).Length + BucketBytes - 1) / BucketBytes);
        using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        if (buckets == 1)
        {
            ShuffleInMemory(File.ReadAllBytes(source), output, ref rng);
            return;
        }
        var parts = Enumerable.Range(0, buckets).Select(i => $"{destination}.part{i}").ToArray();
        try
        {
            Deal(source, parts, ref rng);
            foreach (var part in parts)
                ShuffleInMemory(File.ReadAllBytes(part), output, ref rng);
        }
        finally
        {
            foreach (var part in parts)
                File.Delete(part);
        }
    }

    private static void Deal(string source, string[] parts, ref Xoshiro256StarStar rng)
    {
        var writers = parts.Select(p => new FileStream(p, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)).ToArray();
        try
        {
            using var reader = LineReader.Open(source);
            while (reader.TryReadLine(out var line, out _, out _))
            {
                var writer = writers[rng.NextInt(writers.Length)];
                writer.Write(line);
                writer.WriteByte((byte)'\n');
            }
        }
        finally
        {
            foreach (var writer in writers)
                writer.Dispose();
        }
    }

    /// <summary>Fisher-Yates over the lines' start offsets, then each line written with a <c>\n</c>.</summary>
    private static void ShuffleInMemory(byte[] bytes, Stream output, ref Xoshiro256StarStar rng)
    {
        var starts = new List<int>();
        var at = 0;
        while (at < bytes.Length)
        {
            starts.Add(at);
            var newline = bytes.AsSpan(at).IndexOf((byte)'\n');
            at = newline < 0 ? bytes.Length : at + newline + 1;
        }
        var order = starts.ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        foreach (var start in order)
        {
            var line = bytes.AsSpan(start);
            var newline = line.IndexOf((byte)'\n');
            output.Write(newline < 0 ? line : line[..newline]);
            output.WriteByte((byte)'\n');
        }
    }
}
