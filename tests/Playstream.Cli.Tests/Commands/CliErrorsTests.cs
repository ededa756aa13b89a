using Playstream.Cli.Commands;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;

namespace Playstream.Cli.Tests.Commands;

/// <summary>Failures a user can cause end as one line and an exit code; the rest are bugs and keep their stack trace.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CliErrorsTests
{
    private static (int Code, string Error) Run(Func<int> action)
    {
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            return (CliErrors.Run(action), error.ToString());
        }
        finally
        {
            Console.SetError(before);
        }
    }

    [Fact]
    public void A_successful_action_keeps_its_exit_code_and_says_nothing() =>
        Assert.Equal((7, ""), Run(() => 7));

    public static TheoryData<Exception> UserErrors() =>
    [
        new SettingsException("--top-n: must be at least 1 (got 0)"),
        new LookupFileException("customers file 'c.csv': file not found"),
        new FileNotFoundException("events file 'e.csv' does not exist"),
        new DirectoryNotFoundException("no such folder"),
        new Playstream.Elasticsearch.ElasticsearchException("elasticsearch at http://127.0.0.1:9200/ is unreachable"),
        new Playstream.Kafka.Admin.TopicAdminException("topic 't' already exists", Playstream.Kafka.Admin.TopicAdminFailure.AlreadyExists),
    ];

    [Theory]
    [MemberData(nameof(UserErrors))]
    public void A_failure_the_user_caused_is_one_line_and_exit_code_2(Exception failure) =>
        Assert.Equal((2, $"playstream: {failure.Message}{Environment.NewLine}"), Run(() => throw failure));

    [Fact]
    public void A_stop_is_exit_code_130() =>
        Assert.Equal((130, $"playstream: stopped{Environment.NewLine}"), Run(() => throw new OperationCanceledException()));

    [Fact]
    public void Anything_else_is_not_hidden() =>
        Assert.Throws<InvalidOperationException>(() => Run(() => throw new InvalidOperationException("a bug")));
}
