using Playstream.Kafka.Admin;

namespace Playstream.Kafka.Tests.Admin;

public class TopicNamesTests
{
    [Theory]
    [InlineData("plays", true)]
    [InlineData("plays-dead-letters", true)]
    [InlineData("a.b_C-9", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("has space", false)]
    [InlineData("slash/name", false)]
    [InlineData("tëst", false)]
    public void Names_follow_kafkas_rule(string name, bool valid)
    {
        Assert.Equal(valid, TopicNames.IsValid(name));
    }

    [Fact]
    public void A_name_of_249_characters_is_the_longest_allowed()
    {
        Assert.True(TopicNames.IsValid(new string('a', 249)));
        Assert.False(TopicNames.IsValid(new string('a', 250)));
    }

    [Fact]
    public void Dead_letters_go_to_the_topic_name_with_a_suffix()
    {
        Assert.Equal("plays-dead-letters", TopicNames.DeadLetters("plays"));
    }

    [Fact]
    public void Validate_names_the_bad_name()
    {
        var error = Assert.Throws<TopicAdminException>(() => TopicNames.Validate("a b"));

        Assert.Contains("'a b'", error.Message);
    }
}
