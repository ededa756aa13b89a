using Microsoft.Extensions.Configuration;
using Playstream.Core.Engine;

namespace Playstream.Settings.Tests;

public sealed class SettingKeysTests
{
    [Fact]
    public void Kafka_property_pairs_become_keys_under_kafka_properties_later_ones_winning()
    {
        var pairs = SettingKeys.KafkaPropertyPairs(["acks=1;linger.ms=5", "acks=all"], "--kafka-property");

        Assert.Equal([("kafka:properties:acks", "all"), ("kafka:properties:linger.ms", "5")], pairs.Select(p => (p.Key, p.Value)));
        // One key each, so a configuration layer can be made of them (it refuses a key given twice).
        Assert.Equal("all", new ConfigurationBuilder().AddInMemoryCollection(pairs).Build()[SettingKeys.KafkaProperties + ":acks"]);
    }

    [Fact]
    public void A_pair_that_is_not_key_equals_value_is_one_line_naming_where_it_was_given()
    {
        var e = Assert.Throws<SettingsException>(() => SettingKeys.KafkaPropertyPairs(["sasl.password"], "PLAYSTREAM_KAFKA_PROPERTIES"));
        Assert.StartsWith("PLAYSTREAM_KAFKA_PROPERTIES: ", e.Message, StringComparison.Ordinal);
    }
}
