using Playstream.Core.Streaming.Runtime;

namespace Playstream.Core.Tests.Streaming.Runtime;

public sealed class PartialIdsTests
{
    [Theory]
    [InlineData("9-5", "10-0", -1)]   // milliseconds compared as numbers, not text
    [InlineData("5-9", "5-10", -1)]   // so is the sequence
    [InlineData("7-3", "7-3", 0)]
    [InlineData("8-0", "7-99", 1)]
    [InlineData("0-0", "0-1", -1)]
    public void Ids_compare_as_pairs_of_numbers(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(PartialIds.Compare(a, b)));
        Assert.Equal(-expected, Math.Sign(PartialIds.Compare(b, a)));
    }

    [Fact]
    public void The_next_id_is_the_smallest_after_it()
    {
        Assert.Equal("5-10", PartialIds.Next("5-9"));
        Assert.Equal("0-1", PartialIds.Next("0-0"));
        Assert.Equal("6-0", PartialIds.Next($"5-{long.MaxValue}"));
        Assert.True(PartialIds.Compare(PartialIds.Next("123-45"), "123-45") > 0);
    }

    [Fact]
    public void An_id_is_read_as_its_two_numbers()
    {
        Assert.Equal((1700000000000L, 42L), PartialIds.Parse("1700000000000-42"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("12-")]
    [InlineData("-3")]
    [InlineData("a-1")]
    [InlineData("1-b")]
    [InlineData("1-2-3")]
    public void Anything_else_is_not_a_partial_id(string id)
    {
        var e = Assert.Throws<FormatException>(() => PartialIds.Parse(id));
        Assert.Equal($"'{id}' is not a partial id", e.Message);
    }
}
