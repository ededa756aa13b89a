using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class LineShufflerTests
{
    [Fact]
    public void A_file_larger_than_a_bucket_is_shuffled_through_buckets_and_keeps_every_line()
    {
        using var folder = new TempDirectory();
        var source = folder.File("in.csv");
        // About 1.5 buckets of distinct lines, the last without a newline.
        var lineLength = 100;
        var count = (int)(LineShuffler.BucketBytes * 3 / 2 / lineLength);
        using (var writer = new StreamWriter(source))
        {
            for (var i = 0; i < count; i++)
            {
                writer.Write(i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture).PadRight(lineLength - 1, 'x'));
                if (i < count - 1)
                    writer.Write('\n');
            }
        }
        var destination = folder.File("out.csv");

        LineShuffler.Shuffle(source, destination, seed: 3);

        var numbers = File.ReadLines(destination).Select(l => int.Parse(l[..12], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(count, numbers.Length);
        Assert.Equal(Enumerable.Range(0, count), numbers.Order());
        // The deal spreads each bucket over the whole file: the first lines out come from all over.
        Assert.True(numbers.Take(1000).Max() > count / 2 && numbers.Take(1000).Min() < count / 2);
        // The buckets are gone.
        Assert.Equal(["in.csv", "out.csv"], Directory.GetFiles(folder.Path).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList());
    }
}
