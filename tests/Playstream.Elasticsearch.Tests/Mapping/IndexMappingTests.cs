using Playstream.Elasticsearch.Mapping;

namespace Playstream.Elasticsearch.Tests.Mapping;

public class IndexMappingTests
{
    [Fact]
    public void Keeps_fields_in_the_order_added()
    {
        var mapping = new IndexMapping().Add("b", FieldType.Long).Add("a", FieldType.Keyword);

        Assert.Equal([new MappingField("b", FieldType.Long), new MappingField("a", FieldType.Keyword)], mapping.Fields);
    }

    [Fact]
    public void Refuses_a_field_mapped_twice()
    {
        var mapping = new IndexMapping().Add("a", FieldType.Long);

        Assert.Throws<ArgumentException>(() => mapping.Add("a", FieldType.Keyword));
    }

    [Theory]
    [InlineData("tracks", "tracks.plays")]
    [InlineData("tracks.plays", "tracks")]
    public void Refuses_a_field_that_is_both_a_leaf_and_an_object(string first, string second)
    {
        var mapping = new IndexMapping().Add(first, FieldType.Long);

        Assert.Throws<ArgumentException>(() => mapping.Add(second, FieldType.Long));
    }

    [Theory]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a..b")]
    [InlineData(" ")]
    public void Refuses_names_that_are_not_field_paths(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new IndexMapping().Add(name, FieldType.Long));
    }

    [Fact]
    public void Allows_sibling_fields_with_a_common_prefix_that_is_not_a_path_step()
    {
        var mapping = new IndexMapping().Add("track", FieldType.Long).Add("tracks.plays", FieldType.Long);

        Assert.Equal(2, mapping.Fields.Count);
    }
}
