namespace Playstream.Elasticsearch;

/// <summary>Elasticsearch refused a request, answered something unexpected, or could not be reached.</summary>
public class ElasticsearchException : Exception
{
    public ElasticsearchException()
    {
    }

    public ElasticsearchException(string message)
        : base(message)
    {
    }

    public ElasticsearchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ElasticsearchException(string message, int? statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status of the failed answer; null when there was no answer.</summary>
    public int? StatusCode { get; }
}
