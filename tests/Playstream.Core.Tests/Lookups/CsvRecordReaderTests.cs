using Playstream.Core.Lookups;

namespace Playstream.Core.Tests.Lookups;

public class CsvRecordReaderTests
{
    private static List<CsvRecord> ReadAll(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var records = new List<CsvRecord>();
        while (reader.Read() is { } record)
            records.Add(record);
        return records;
    }

    [Fact]
    public void Reads_plain_and_quoted_fields()
    {
        var records = ReadAll("a,\"b\",,\"\"\n1,2,3,4\n");
        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b", "", ""], records[0].Fields);
        Assert.Equal(["1", "2", "3", "4"], records[1].Fields);
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal([1L, 2L], records.Select(r => r.Line));
        Assert.Equal("a,\"b\",,\"\"", records[0].RawText);
    }

    [Fact]
    public void Quoted_fields_hold_commas_escaped_quotes_and_line_breaks()
    {
        var records = ReadAll("1,\"x, \"\"y\"\"\",\"two\nlines\",\"crlf\r\nkept\"\r\n2,z\r\n");
        Assert.Equal(2, records.Count);
        Assert.Equal(["1", "x, \"y\"", "two\nlines", "crlf\r\nkept"], records[0].Fields);
        Assert.Equal("1,\"x, \"\"y\"\"\",\"two\nlines\",\"crlf\r\nkept\"", records[0].RawText);
        Assert.Equal(["2", "z"], records[1].Fields);
        Assert.Equal(4, records[1].Line); // the first record spans lines 1-3
    }

    [Fact]
    public void Reads_crlf_and_a_last_record_without_newline()
    {
        var records = ReadAll("a,b\r\nc,d");
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal("a,b", records[0].RawText);
        Assert.Equal(["c", "d"], records[1].Fields);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void Empty_lines_are_blank_records()
    {
        var records = ReadAll("a\n\n  \nb");
        Assert.Equal([false, true, true, false], records.Select(r => r.IsBlank));
        Assert.False(ReadAll("\"\"")[0].IsBlank); // a quoted empty field is a value
        Assert.Empty(ReadAll(""));
    }

    [Fact]
    public void Reports_a_quote_never_closed()
    {
        var record = Assert.Single(ReadAll("326,Helplessly Hoping,\"Crosby,195\n327,x,y,1\n"));
        Assert.Equal(["326", "Helplessly Hoping", "Crosby,195\n327,x,y,1\n"], record.Fields);
        Assert.Contains("never closed", record.Error);
    }

    [Fact]
    public void Reports_a_quote_inside_an_unquoted_field_and_reads_on()
    {
        var records = ReadAll("119,Silver, Blue And Gold\",147\nok,1\n");
        Assert.Equal(["119", "Silver", " Blue And Gold\"", "147"], records[0].Fields);
        Assert.Contains("unquoted", records[0].Error);
        Assert.Equal(["ok", "1"], records[1].Fields);
        Assert.Null(records[1].Error);
    }

    [Fact]
    public void Reports_text_after_a_closing_quote()
    {
        var record = ReadAll("\"ab\"c,d")[0];
        Assert.Equal(["abc", "d"], record.Fields);
        Assert.Contains("closing quote", record.Error);
    }

    [Fact]
    public void Reads_records_longer_than_its_buffer()
    {
        var big = new string('v', 10_000);
        var records = ReadAll($"{big},\"{big}\"\n1");
        Assert.Equal([big, big], records[0].Fields);
        Assert.Equal(["1"], records[1].Fields);
    }

    [Fact]
    public void Parses_one_line_with_its_number()
    {
        var record = CsvRecordReader.ParseLine("a,\"b,c\"", 42);
        Assert.Equal(["a", "b,c"], record.Fields);
        Assert.Equal(42, record.Line);
        Assert.True(CsvRecordReader.ParseLine("", 3).IsBlank);
    }
}
