using Playstream.Core.Lookups;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Lookups;

public class CustomerReaderTests
{
    private const string Header = "CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps";

    private static LookupReadResult<CustomerTable> Read(string text) => CustomerReader.Read(new StringReader(text), "cust.csv");

    [Fact]
    public void Reads_customers_including_customer_zero()
    {
        var result = Read(Header + "\n"
            + "0,\"Gregory Koval\",0,\"13004 Easy Cider Point\",\"72132\",\"06/04/2013\",1,1,1,0\r\n"
            + "7,\"Smith, Jo\",1,\"1 \"\"Main\"\" St\",\"01234\",\"01/02/2013\",0,2,4,1\n");
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Table.Count);
        Assert.Equal(new Customer(0, "Gregory Koval", "0", "13004 Easy Cider Point", "72132", "06/04/2013", "1", "1", "1", "0", null),
            result.Table.Get(0));
        Assert.Equal(new Customer(7, "Smith, Jo", "1", "1 \"Main\" St", "01234", "01/02/2013", "0", "2", "4", "1", null),
            result.Table.Get(7));
    }

    [Fact]
    public void Matches_columns_by_name_in_any_order_and_case_with_an_optional_age()
    {
        var result = Read("age,LINKEDWITHAPPS,campaign,level,status,signdate,ZIP,address,gender,name, custid \n"
            + "33,1,2,0,1,\"12/31/2012\",\"99999\",\"Addr\",1,\"Ann\",12\n");
        Assert.Empty(result.Problems);
        Assert.Equal(new Customer(12, "Ann", "1", "Addr", "99999", "12/31/2012", "1", "0", "2", "1", "33"), result.Table.Get(12));
    }

    [Fact]
    public void Reports_and_skips_bad_rows()
    {
        var result = Read(Header + "\n"
            + "1,A,0,x,z,d,1,0,1,0\n"
            + "2,B,0,x,z,d,1,0,1\n"            // 9 fields
            + "x3,C,0,x,z,d,1,0,1,0\n"         // id not an integer
            + "-4,D,0,x,z,d,1,0,1,0\n"         // negative id
            + " \n"                            // blank: skipped silently
            + "5,\"E\"e,0,x,z,d,1,0,1,0\n"     // bad quoting
            + "1,A2,1,x,z,d,1,0,1,0\n");       // repeated id: kept, reported
        Assert.Equal([3L, 4L, 5L, 7L, 8L], result.Problems.Select(p => p.Line));
        Assert.Equal("2,B,0,x,z,d,1,0,1", result.Problems[0].RawText);
        Assert.Contains("9 fields", result.Problems[0].Reason);
        Assert.Contains("'x3'", result.Problems[1].Reason);
        Assert.Contains("'-4'", result.Problems[2].Reason);
        Assert.Contains("quote", result.Problems[3].Reason);
        Assert.Contains("again", result.Problems[4].Reason);
        Assert.Equal(1, result.Table.Count);
        Assert.Equal("A2", result.Table.Get(1)!.Name);
    }

    [Theory]
    [InlineData("", "customers file 'cust.csv': the file is empty (no header)")]
    [InlineData("\n\n", "customers file 'cust.csv': the file is empty (no header)")]
    [InlineData("CustID,Name,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps\n",
        "customers file 'cust.csv': missing column 'Gender' in header")]
    [InlineData("0,\"Gregory Koval\",0,\"13004 Easy Cider Point\",\"72132\",\"06/04/2013\",1,1,1,0\n",
        "customers file 'cust.csv': missing columns 'CustID', 'Name', 'Gender', 'Address', 'zip', 'SignDate', 'Status', 'Level', 'Campaign', 'LinkedWithApps' in header")]
    [InlineData("CustID,Name,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps\n",
        "customers file 'cust.csv': column 'Name' appears twice in header")]
    public void Throws_one_clear_line_when_the_file_is_unusable(string text, string message)
    {
        var error = Assert.Throws<LookupFileException>(() => Read(text));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Throws_for_a_missing_file_or_a_directory()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var missing = Path.Combine(dir, "nope.csv");
            Assert.Equal($"customers file '{missing}': file not found",
                Assert.Throws<LookupFileException>(() => CustomerReader.Read(missing)).Message);
            Assert.Equal($"customers file '{dir}': is a directory, not a file",
                Assert.Throws<LookupFileException>(() => CustomerReader.Read(dir)).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Reads_a_file_with_a_byte_order_mark()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Header + "\n3,N,1,A,Z,S,1,2,3,0\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            var result = CustomerReader.Read(path);
            Assert.Empty(result.Problems);
            Assert.Equal("N", result.Table.Get(3)!.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reads_the_fixture_customers_crlf_commas_quotes_and_customer_0()
    {
        var result = CustomerReader.Read(Fixtures.Customers);
        Assert.Empty(result.Problems);
        Assert.Equal(Fixtures.CustomerRows, result.Table.All());
    }

    [SeedDataFact]
    public void Reads_the_seed_customers()
    {
        var result = CustomerReader.Read(SeedData.File("cust.csv"));
        Assert.Empty(result.Problems);
        Assert.Equal(5000, result.Table.Count);
        Assert.Equal(Enumerable.Range(0, 5000), result.Table.All().Select(c => c.Id));
        // Counts from the seed data's README.
        Assert.Equal(2984, result.Table.All().Count(c => c.Gender == "0"));
        Assert.Equal(2016, result.Table.All().Count(c => c.Gender == "1"));
        Assert.Equal(new Customer(0, "Gregory Koval", "0", "13004 Easy Cider Point", "72132", "06/04/2013", "1", "1", "1", "0", null),
            result.Table.Get(0));
    }
}
