using System.Text;
using SQLitePCL;

namespace Playstream.Embedded.Store;

/// <summary>
/// A prepared insert through SQLite's C API: typed binds with no boxing and no parameter
/// objects. Several times faster than the ADO.NET layer per row, which matters when a run
/// writes hundreds of thousands of result rows.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private Dictionary<string, byte[]>? _utf8;

    public RawStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out _statement));
    }

    public RawStatement Set(int index, long value)
    {
        raw.sqlite3_bind_int64(_statement, index + 1, value);
        return this;
    }

    public RawStatement Set(int index, double value)
    {
        raw.sqlite3_bind_double(_statement, index + 1, value);
        return this;
    }

    public RawStatement Set(int index, string value)
    {
        raw.sqlite3_bind_text(_statement, index + 1, Encoding.UTF8.GetBytes(value));
        return this;
    }

    /// <summary>
    /// Binds text that repeats from row to row (a gender code, a dimension name): its UTF-8 bytes
    /// are made once per statement instead of once per row.
    /// </summary>
    public RawStatement SetRepeated(int index, string value)
    {
        _utf8 ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!_utf8.TryGetValue(value, out var bytes))
            _utf8[value] = bytes = Encoding.UTF8.GetBytes(value);
        raw.sqlite3_bind_text(_statement, index + 1, bytes);
        return this;
    }

    /// <summary>Runs the statement with the values bound, then clears it for the next row.</summary>
    public void Step()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
            Check(_db, rc);
    }

    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            throw new IOException($"sqlite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
    }

    public void Dispose() => _statement.Dispose();
}
