using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Tests.Admin;

public class ZooKeeperTopicToolTests
{
    [Fact]
    public void Documentation_source_and_test_jars_stay_off_the_class_path()
    {
        var jars = ZooKeeperTopicTool.RuntimeJars([
            "libs/zookeeper-3.4.6.jar",
            "libs/kafka_2.11-0.9.0.1-javadoc.jar",
            "libs/kafka_2.11-0.9.0.1-scaladoc.jar",
            "libs/kafka_2.11-0.9.0.1-sources.jar",
            "libs/kafka_2.11-0.9.0.1-test.jar",
            "libs/kafka_2.11-0.9.0.1.jar",
            "libs/kafka-clients-0.9.0.1.jar",
        ]);

        Assert.Equal(["libs/kafka-clients-0.9.0.1.jar", "libs/kafka_2.11-0.9.0.1.jar", "libs/zookeeper-3.4.6.jar"], jars);
    }

    [Fact]
    public void Without_zookeeper_the_error_says_how_to_set_it()
    {
        var options = new KafkaOptions { KafkaHome = "/opt/kafka" };

        var error = Assert.Throws<TopicAdminException>(() => ZooKeeperTopicTool.FromOptions(options));

        Assert.Equal(TopicAdminFailure.NotConfigured, error.Failure);
        Assert.Contains("--zookeeper", error.Message);
    }

    [Fact]
    public void A_kafka_home_without_libs_is_named_in_the_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "playstream-no-kafka-" + Guid.NewGuid().ToString("N"));
        var options = new KafkaOptions { ZooKeeperConnect = "127.0.0.1:2181", KafkaHome = missing };

        var error = Assert.Throws<TopicAdminException>(() => ZooKeeperTopicTool.FromOptions(options));

        Assert.Equal(TopicAdminFailure.NotConfigured, error.Failure);
        Assert.Contains(missing, error.Message);
        Assert.Contains(ZooKeeperTopicTool.KafkaHomeVariable, error.Message);
    }

    [Fact]
    public void The_tools_own_reason_becomes_the_message_and_its_kind()
    {
        var exists = ZooKeeperTopicTool.Failure("t1", "Error while executing topic command : Topic \"t1\" already exists.\n", "[ERROR] stack...", 1);
        var missing = ZooKeeperTopicTool.Failure("nope", "Error while executing topic command : Topic nope does not exist on ZK path 127.0.0.1:2181\n", "", 1);

        Assert.Equal(TopicAdminFailure.AlreadyExists, exists.Failure);
        Assert.Equal("topic 't1': Topic \"t1\" already exists.", exists.Message);
        Assert.Equal(TopicAdminFailure.NotFound, missing.Failure);
    }

    [Fact]
    public void Without_the_tools_reason_the_first_error_line_is_used()
    {
        var error = ZooKeeperTopicTool.Failure("t", "", "\nError: Could not find or load main class kafka.admin.TopicCommand\n", 1);

        Assert.Equal(TopicAdminFailure.Other, error.Failure);
        Assert.Contains("Could not find or load main class", error.Message);
    }
}
