using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Tests.Configuration;

public class KafkaPropertyListTests
{
    [Fact]
    public void Pairs_are_split_on_semicolons_and_trimmed_in_order()
    {
        var pairs = KafkaPropertyList.Parse(["a=1; b = two ;", "c=x"]);

        Assert.Equal([new("a", "1"), new("b", "two"), new("c", "x")], pairs);
    }

    [Fact]
    public void A_value_may_hold_an_equals_sign()
    {
        var pair = Assert.Single(KafkaPropertyList.Parse(["sasl.jaas.config=user=\"a\""]));

        Assert.Equal("sasl.jaas.config", pair.Key);
        Assert.Equal("user=\"a\"", pair.Value);
    }

    [Fact]
    public void An_empty_value_is_kept()
    {
        Assert.Equal("", Assert.Single(KafkaPropertyList.Parse(["client.rack="])).Value);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=value")]
    public void A_pair_without_key_or_equals_is_refused(string item)
    {
        Assert.Throws<FormatException>(() => KafkaPropertyList.Parse([item]));
    }

    [Fact]
    public void The_error_for_a_malformed_pair_does_not_echo_it_whole()
    {
        var error = Assert.Throws<FormatException>(() => KafkaPropertyList.Parse(["hunter2secret"]));

        Assert.DoesNotContain("hunter2secret", error.Message);
    }
}
