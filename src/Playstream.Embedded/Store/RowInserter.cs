using System.Text;
using SQLitePCL;

namespace Playstream.Embedded.Store;

/// <summary>
/// Inserts rows into one table through SQLite's C API, <see cref="RowsPerStatement"/> rows per
/// statement: one step runs the insert machinery once for all of them, which halves the cost
/// of a row when a run writes hundreds of thousands of small result rows. Values of the rows
/// not yet sent are kept, so the last few go one statement each at <see cref="Flush"/>.
/// </summary>
internal sealed class RowInserter : IDisposable
{
    public const int RowsPerStatement = 64;

    private readonly sqlite3 _db;
    private readonly int _columns;
    private readonly sqlite3_stmt _many;
    private readonly sqlite3_stmt _one;
    private readonly Value[] _pending;
    private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
    private int _rows;

    /// <param name="table">The table, its columns in order.</param>
    /// <param name="onConflict">An <c>ON CONFLICT</c> clause for every statement, or null.</param>
    /// <param name="verb">The statement's start: <c>INSERT</c>, or <c>INSERT OR REPLACE</c>.</param>
    public RowInserter(sqlite3 db, string table, int columns, string? onConflict = null, string verb = "INSERT")
    {
        _db = db;
        _columns = columns;
        _pending = new Value[RowsPerStatement * columns];
        var row = "(" + string.Join(',', Enumerable.Repeat("?", columns)) + ")";
        Check(db, raw.sqlite3_prepare_v2(db, $"{verb} INTO {table} VALUES {string.Join(',', Enumerable.Repeat(row, RowsPerStatement))} {onConflict}", out _many));
        Check(db, raw.sqlite3_prepare_v2(db, $"{verb} INTO {table} VALUES {row} {onConflict}", out _one));
    }

    public RowInserter Set(int column, long value)
    {
        _pending[_rows * _columns + column] = new Value(ValueKind.Integer, value, 0, null);
        return this;
    }

    public RowInserter Set(int column, double value)
    {
        _pending[_rows * _columns + column] = new Value(ValueKind.Real, 0, value, null);
        return this;
    }

    /// <summary>Text (or null); its UTF-8 bytes are made once per distinct value (the rows' texts repeat: genders, dimensions, scopes).</summary>
    public RowInserter Set(int column, string? value)
    {
        if (value is null)
        {
            _pending[_rows * _columns + column] = new Value(ValueKind.Null, 0, 0, null);
            return this;
        }
        if (!_utf8.TryGetValue(value, out var bytes))
            _utf8[value] = bytes = Encoding.UTF8.GetBytes(value);
        _pending[_rows * _columns + column] = new Value(ValueKind.Text, 0, 0, bytes);
        return this;
    }

    /// <summary>Ends the row whose columns were just set; every <see cref="RowsPerStatement"/> rows go to the table.</summary>
    public void EndRow()
    {
        if (++_rows < RowsPerStatement)
            return;
        Bind(_many, 0, _pending.Length);
        Step(_many);
        _rows = 0;
    }

    /// <summary>Writes the rows still held, one statement each.</summary>
    public void Flush()
    {
        for (var row = 0; row < _rows; row++)
        {
            Bind(_one, row * _columns, _columns);
            Step(_one);
        }
        _rows = 0;
    }

    private void Bind(sqlite3_stmt statement, int from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ref readonly var value = ref _pending[from + i];
            _ = value.Kind switch
            {
                ValueKind.Integer => raw.sqlite3_bind_int64(statement, i + 1, value.Integer),
                ValueKind.Real => raw.sqlite3_bind_double(statement, i + 1, value.Real),
                ValueKind.Null => raw.sqlite3_bind_null(statement, i + 1),
                _ => raw.sqlite3_bind_text(statement, i + 1, value.Text),
            };
        }
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
            Check(_db, rc);
    }

    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            throw new IOException($"sqlite error {rc}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
    }

    private enum ValueKind : byte { Integer, Real, Text, Null }

    private readonly record struct Value(ValueKind Kind, long Integer, double Real, byte[]? Text);
}
