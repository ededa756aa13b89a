using System.Text;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Tests.Producing;

public class KafkaLineProducerTests
{
    [Theory]
    [InlineData("0,48,453,\"2014-10-23 03:26:20\",0,\"72132\"", "48")]
    [InlineData("0,\"0048\",453,\"2014-10-23 03:26:20\",0,\"72132\"", "48")]
    [InlineData("0,0,1,x,y,z", "0")]
    public void The_key_is_the_customer_id_as_decimal_text(string line, string key)
    {
        Assert.Equal(key, Encoding.ASCII.GetString(KafkaLineProducer.KeyOf(Encoding.UTF8.GetBytes(line))!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0,abc,453")]
    [InlineData("0,-5,453")]
    [InlineData("0,99999999999,1")]
    public void A_line_without_a_readable_customer_id_has_no_key(string line)
    {
        Assert.Null(KafkaLineProducer.KeyOf(Encoding.UTF8.GetBytes(line)));
    }
}
