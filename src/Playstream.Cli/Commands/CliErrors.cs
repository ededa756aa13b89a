using Playstream.Core.Engine;
using Playstream.Core.Lookups;

namespace Playstream.Cli.Commands;

/// <summary>
/// Turns the failures a user can cause (a missing file, a bad setting) into one line on
/// stderr and an exit code, instead of a stack trace.
/// </summary>
internal static class CliErrors
{
    public const int Usage = 2;
    public const int Failed = 1;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            Console.Error.WriteLine($"playstream: {ex.Message}");
            return Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("playstream: stopped");
            return 130;
        }
    }

    private static bool IsUserError(Exception ex) =>
        ex is SettingsException or LookupFileException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
            // A server that stayed unreachable past its retries: say which and why, no stack trace.
            or Elasticsearch.ElasticsearchException or StackExchange.Redis.RedisException or Confluent.Kafka.KafkaException
            or Kafka.Admin.TopicAdminException;
}
