namespace Playstream.Core.Lookups;

/// <summary>
/// Reads the track file (<c>TrackId,Title,Artist,Length</c>, columns matched case-insensitively in
/// any order) into a <see cref="TrackTable"/>, repairing the seed file's broken quoting.
/// </summary>
/// <remarks>
/// The file is read line by line (a title never spans lines). Each line is read as RFC 4180 CSV;
/// where that does not give exactly as many fields as the header (a quote never closed, as in
/// <c>326,Helplessly Hoping,"Crosby,195</c>, or a stray quote inside a field) the line is split on
/// plain commas instead, and quotes and spaces at the ends of Title and Artist are stripped.
/// A line that still has the wrong number of fields, or whose TrackId or Length is not an integer
/// &gt;= 0, is reported and skipped. Repaired lines are not reported: the contract calls them
/// readable. A repeated TrackId replaces the earlier row and is reported. Blank lines are skipped.
/// </remarks>
public static class TrackReader
{
    private const string Kind = "tracks";

    private static readonly string[] Required = ["TrackId", "Title", "Artist", "Length"];
    private static readonly char[] Stray = [' ', '"'];

    /// <summary>Reads a track file; throws <see cref="LookupFileException"/> when it cannot be read at all.</summary>
    public static LookupReadResult<TrackTable> Read(string path)
    {
        using var text = LookupFile.OpenText(path, Kind);
        return Read(text, path);
    }

    /// <summary>Reads track CSV text; <paramref name="name"/> names it in error messages.</summary>
    public static LookupReadResult<TrackTable> Read(TextReader text, string name)
    {
        long lineNumber = 0;
        string? line;
        do
        {
            line = text.ReadLine();
            lineNumber++;
        }
        while (line is not null && line.Trim().Length == 0);
        if (line is null)
            throw LookupFile.Error(Kind, name, "the file is empty (no header)");
        var header = CsvRecordReader.ParseLine(line, lineNumber);
        if (header.Error is not null)
            throw LookupFile.Error(Kind, name, $"the header on line {lineNumber} is not valid CSV: {header.Error}");
        var columns = LookupFile.MapColumns(header.Fields, Kind, name, Required, []);
        var fieldCount = header.Fields.Count;

        var table = new TrackTable();
        var problems = new List<LookupProblem>();
        while ((line = text.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
                continue;
            var fields = SplitLine(line, fieldCount, out var repaired);
            var problem = Check(fields, fieldCount, columns, out var id, out var length);
            if (problem is not null)
            {
                problems.Add(new LookupProblem(lineNumber, problem, line));
                continue;
            }
            if (table.Contains(id))
                problems.Add(new LookupProblem(lineNumber, $"TrackId {id} appears again; this later row replaces the earlier", line));
            var title = fields[columns[1]];
            var artist = fields[columns[2]];
            if (repaired)
            {
                title = title.Trim(Stray);
                artist = artist.Trim(Stray);
            }
            table.Set(new Track(id, title, artist, length));
        }
        return new LookupReadResult<TrackTable>(table, problems);
    }

    /// <summary>The line's fields as RFC 4180 reads them, or else (<paramref name="repaired"/>) as a plain comma split.</summary>
    private static IReadOnlyList<string> SplitLine(string line, int fieldCount, out bool repaired)
    {
        var record = CsvRecordReader.ParseLine(line);
        repaired = record.Error is not null || record.Fields.Count != fieldCount;
        return repaired ? line.Split(',') : record.Fields;
    }

    private static string? Check(IReadOnlyList<string> fields, int fieldCount, int[] columns, out int id, out int length)
    {
        id = length = 0;
        if (fields.Count != fieldCount)
            return $"{fields.Count} fields where the header has {fieldCount}, even split on plain commas";
        if (!LookupFile.TryParseId(fields[columns[0]], out id))
            return $"TrackId '{fields[columns[0]]}' is not an integer >= 0";
        if (!LookupFile.TryParseId(fields[columns[3]], out length))
            return $"Length '{fields[columns[3]]}' is not an integer >= 0";
        return null;
    }
}
