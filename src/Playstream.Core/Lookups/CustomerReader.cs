namespace Playstream.Core.Lookups;

/// <summary>
/// Reads the customer file (RFC 4180 CSV with a header naming the columns, in any order and any
/// case; an <c>Age</c> column is optional) into a <see cref="CustomerTable"/>.
/// </summary>
/// <remarks>
/// Values are kept as written. Blank lines are skipped silently. A row that is not well-formed
/// CSV, has a different number of fields than the header, or whose CustID is not an integer &gt;= 0
/// is reported and skipped. When a CustID appears twice the later row wins, and the repeat is reported.
/// </remarks>
public static class CustomerReader
{
    private const string Kind = "customers";

    private static readonly string[] Required =
        ["CustID", "Name", "Gender", "Address", "zip", "SignDate", "Status", "Level", "Campaign", "LinkedWithApps"];
    private static readonly string[] Optional = ["Age"];

    /// <summary>Reads a customer file; throws <see cref="LookupFileException"/> when it cannot be read at all.</summary>
    public static LookupReadResult<CustomerTable> Read(string path)
    {
        using var text = LookupFile.OpenText(path, Kind);
        return Read(text, path);
    }

    /// <summary>Reads customer CSV text; <paramref name="name"/> names it in error messages.</summary>
    public static LookupReadResult<CustomerTable> Read(TextReader text, string name)
    {
        var reader = new CsvRecordReader(text);
        var header = reader.Read();
        while (header is { IsBlank: true })
            header = reader.Read();
        if (header is null)
            throw LookupFile.Error(Kind, name, "the file is empty (no header)");
        if (header.Error is not null)
            throw LookupFile.Error(Kind, name, $"the header on line {header.Line} is not valid CSV: {header.Error}");
        var columns = LookupFile.MapColumns(header.Fields, Kind, name, Required, Optional);

        var table = new CustomerTable();
        var problems = new List<LookupProblem>();
        while (reader.Read() is { } row)
        {
            if (row.IsBlank)
                continue;
            var problem = Check(row, header.Fields.Count, columns[0], out var id);
            if (problem is not null)
            {
                problems.Add(new LookupProblem(row.Line, problem, row.RawText));
                continue;
            }
            if (table.Contains(id))
                problems.Add(new LookupProblem(row.Line, $"CustID {id} appears again; this later row replaces the earlier", row.RawText));
            try
            {
                table.Set(ToCustomer(row.Fields, id, columns));
            }
            catch (InvalidDataException e)
            {
                // Too many distinct gender codes: the Gender column is not a code column at all.
                throw LookupFile.Error(Kind, name, $"line {row.Line}: {e.Message}");
            }
        }
        return new LookupReadResult<CustomerTable>(table, problems);
    }

    private static string? Check(CsvRecord row, int headerFields, int idColumn, out int id)
    {
        id = 0;
        if (row.Error is not null)
            return $"not valid CSV: {row.Error}";
        if (row.Fields.Count != headerFields)
            return $"{row.Fields.Count} fields where the header has {headerFields}";
        if (!LookupFile.TryParseId(row.Fields[idColumn], out id))
            return $"CustID '{row.Fields[idColumn]}' is not an integer >= 0";
        return null;
    }

    private static Customer ToCustomer(IReadOnlyList<string> f, int id, int[] c) => new(
        id,
        Name: f[c[1]],
        Gender: f[c[2]],
        Address: f[c[3]],
        Zip: f[c[4]],
        SignDate: f[c[5]],
        Status: f[c[6]],
        Level: f[c[7]],
        Campaign: f[c[8]],
        LinkedWithApps: f[c[9]],
        Age: c[10] >= 0 ? f[c[10]] : null);
}
