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
}
