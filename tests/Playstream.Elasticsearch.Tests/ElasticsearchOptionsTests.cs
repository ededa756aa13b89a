namespace Playstream.Elasticsearch.Tests;

public class ElasticsearchOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        new ElasticsearchOptions().Validate();
    }

    [Fact]
    public void Api_key_and_password_together_are_refused()
    {
        var options = new ElasticsearchOptions { ApiKey = "k", Username = "u", Password = "p" };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void User_without_password_is_refused()
    {
        Assert.Throws<ArgumentException>(new ElasticsearchOptions { Username = "u" }.Validate);
    }

    [Fact]
    public void No_urls_is_refused()
    {
        Assert.Throws<ArgumentException>(new ElasticsearchOptions { Urls = [] }.Validate);
    }

    [Fact]
    public void Printed_options_show_whether_the_secrets_are_set_never_what_they_are()
    {
        var basic = new ElasticsearchOptions { Urls = [new Uri("https://es1:9200")], Username = "elastic", Password = "hunter2" };
        var keyed = new ElasticsearchOptions { ApiKey = "c2VjcmV0OmtleQ==" };

        Assert.Contains("Username = elastic, Password = ***, ApiKey = (none)", basic.ToString(), StringComparison.Ordinal);
        Assert.Contains("https://es1:9200", basic.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", basic.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password = (none), ApiKey = ***", keyed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0OmtleQ==", keyed.ToString(), StringComparison.Ordinal);
    }
}
