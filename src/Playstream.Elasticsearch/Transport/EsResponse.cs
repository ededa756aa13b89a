namespace Playstream.Elasticsearch.Transport;

/// <summary>An answer from the server: its status and whole body.</summary>
internal sealed record EsResponse(int StatusCode, byte[] Body, Uri Url)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The start of the body, for error messages.</summary>
    public string BodyExcerpt(int maxChars = 500)
    {
        string text = System.Text.Encoding.UTF8.GetString(Body);
        return text.Length <= maxChars ? text : text[..maxChars] + "...";
    }
}
