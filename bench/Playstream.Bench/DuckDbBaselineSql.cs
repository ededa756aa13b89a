using System.Globalization;
using Playstream.Core.Engine;

namespace Playstream.Bench;

/// <summary>
/// The SQL of the DuckDB baseline: every analytic of the results contract written as plain
/// DuckDB SQL over <c>read_csv</c> of the files, the way an analyst with an embedded SQL
/// engine would, with the obvious pre-aggregation (plays per pane before windows are formed)
/// and nothing Playstream-specific. It parses and classifies lines by the contract's rules
/// in SQL, so bad lines are counted by reason as the engine counts them.
/// </summary>
internal static class DuckDbBaselineSql
{
    /// <summary>Loads the three files into tables: <c>lines</c> (classified), <c>customers</c>, <c>tracks</c>, then <c>plays</c>.</summary>
    public static string Load(string events, string customers, string tracks) => $$"""
        CREATE TEMP TABLE customers AS
            SELECT id, arg_max(gender, row) AS gender FROM (
                SELECT TRY_CAST(trim(CustID) AS INTEGER) AS id, trim(coalesce(Gender, '')) AS gender, row_number() OVER () AS row
                FROM read_csv({{Literal(customers)}}, header = true, all_varchar = true, quote = '"', escape = '"'))
            WHERE id IS NOT NULL GROUP BY id;

        -- A track line is known when its id (first field) and length (last field) are integers: the
        -- contract's fallback split on plain commas, which also reads the seed's broken quoting.
        CREATE TEMP TABLE tracks AS
            SELECT DISTINCT id FROM (
                SELECT TRY_CAST(trim(split_part(line, ',', 1), ' "') AS INTEGER) AS id,
                       TRY_CAST(trim(string_split(line, ',')[-1], ' "' || chr(13)) AS INTEGER) AS length,
                       len(string_split(line, ',')) AS fields
                FROM read_csv({{Literal(tracks)}}, columns = {'line': 'VARCHAR'}, header = true, delim = chr(31),
                              quote = '', escape = '', auto_detect = false))
            WHERE id IS NOT NULL AND length IS NOT NULL AND fields >= 4;

        CREATE TEMP TABLE lines AS
        WITH raw AS (
            SELECT rtrim(line, chr(13)) AS line
            FROM read_csv({{Literal(events)}}, columns = {'line': 'VARCHAR'}, header = false, delim = chr(31),
                          quote = '', escape = '', auto_detect = false)
            WHERE line IS NOT NULL AND trim(line, ' ' || chr(9) || chr(13)) <> ''
        ), unquoted AS (
            SELECT list_transform(string_split(line, ','), x ->
                       CASE WHEN starts_with(x, '"') THEN
                           CASE WHEN length(x) >= 2 AND ends_with(x, '"') THEN x[2:-2] ELSE NULL END
                       ELSE x END) AS u
            FROM raw
        )
        SELECT
            CASE
                WHEN len(u) <> 6 THEN 'field_count'
                WHEN list_bool_or(list_transform(u, x -> x IS NULL OR contains(x, '"'))) THEN 'bad_quoting'
                WHEN NOT regexp_full_match(u[1], '[0-9]+') OR TRY_CAST(u[1] AS BIGINT) IS NULL THEN 'bad_event_id'
                WHEN NOT regexp_full_match(u[2], '[0-9]+') OR TRY_CAST(u[2] AS INTEGER) IS NULL THEN 'bad_customer_id'
                WHEN NOT regexp_full_match(u[3], '[0-9]+') OR TRY_CAST(u[3] AS INTEGER) IS NULL THEN 'bad_track_id'
                WHEN NOT regexp_full_match(u[4], '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}')
                     OR try_strptime(u[4], '%Y-%m-%d %H:%M:%S') IS NULL THEN 'bad_datetime'
                WHEN u[5] NOT IN ('0', '1') THEN 'bad_ismobile'
            END AS problem,
            u
        FROM unquoted;

        CREATE TEMP TABLE plays AS
            SELECT CAST(l.u[2] AS INTEGER) AS customer_id,
                   CAST(l.u[3] AS INTEGER) AS track_id,
                   CAST(epoch(strptime(l.u[4], '%Y-%m-%d %H:%M:%S')) AS BIGINT) AS t,
                   l.u[5] = '1' AS mobile,
                   CASE WHEN c.id IS NULL OR c.gender = '' THEN 'unknown' ELSE c.gender END AS gender,
                   c.id IS NOT NULL AS customer_known,
                   k.id IS NOT NULL AS track_known
            FROM lines l
            LEFT JOIN customers c ON c.id = CAST(l.u[2] AS INTEGER)
            LEFT JOIN tracks k ON k.id = CAST(l.u[3] AS INTEGER)
            WHERE l.problem IS NULL;
        """;

    /// <summary>window_start, window_end, plays, listeners, mobile_plays: each play counted in every window that holds it.</summary>
    public static string Activity(AnalyticsSettings s) => $"""
        SELECT w, w + {s.ActivityWindowSeconds}, count(*), count(DISTINCT customer_id), count(*) FILTER (WHERE mobile)
        FROM (SELECT customer_id, mobile, {PaneStart("t", s.ActivitySlideSeconds)} - k * {s.ActivitySlideSeconds} AS w
              FROM plays, range(0, {s.ActivityWindowSeconds / s.ActivitySlideSeconds}) AS r(k))
        GROUP BY w ORDER BY w
        """;

    /// <summary>window_start, window_end, gender, rank, track_id, plays: plays per pane first, then summed into windows, then ranked.</summary>
    public static string TopTracks(AnalyticsSettings s) => $"""
        WITH panes AS (
            SELECT {PaneStart("t", s.TopTracksSlideSeconds)} AS pane, gender, track_id, count(*) AS plays
            FROM plays GROUP BY ALL
        ), windows AS (
            SELECT pane - k * {s.TopTracksSlideSeconds} AS w, gender, track_id, sum(plays) AS plays
            FROM panes, range(0, {s.TopTracksWindowSeconds / s.TopTracksSlideSeconds}) AS r(k)
            GROUP BY ALL
        )
        SELECT w, w + {s.TopTracksWindowSeconds}, gender,
               row_number() OVER (PARTITION BY w, gender ORDER BY plays DESC, track_id) AS rank, track_id, plays
        FROM windows
        QUALIFY rank <= {s.TopN}
        ORDER BY w, gender, rank
        """;

    /// <summary>One row per customer: plays by part of the day from the UTC hour, mobile plays, distinct tracks.</summary>
    public const string Profiles = """
        CREATE TEMP TABLE profiles AS
            SELECT customer_id, count(*) AS plays,
                   count(*) FILTER (WHERE h BETWEEN 5 AND 11) AS morning,
                   count(*) FILTER (WHERE h BETWEEN 12 AND 16) AS afternoon,
                   count(*) FILTER (WHERE h BETWEEN 17 AND 21) AS evening,
                   count(*) FILTER (WHERE h >= 22 OR h <= 4) AS night,
                   count(*) FILTER (WHERE mobile) AS mobile_plays,
                   count(DISTINCT track_id) AS unique_tracks
            FROM (SELECT *, ((t % 86400 + 86400) % 86400) // 3600 AS h FROM plays)
            GROUP BY customer_id;
        """;

    public const string ProfileRows = "SELECT * FROM profiles ORDER BY customer_id";

    public const string ProfileSummary = """
        SELECT count(*), avg(morning / plays), avg(afternoon / plays), avg(evening / plays), avg(night / plays),
               avg(mobile_plays / plays), avg(unique_tracks / plays)
        FROM profiles
        """;

    public const string UniqueTracks = """
        SELECT 'all', list(DISTINCT track_id ORDER BY track_id) FROM plays
        UNION ALL
        SELECT 'mobile', list(DISTINCT track_id ORDER BY track_id) FILTER (WHERE mobile) FROM plays
        """;

    /// <summary>The smallest t3 of N plays of one pair within the span: the N-th play from each play, in time order.</summary>
    public static string Interests(AnalyticsSettings s) => $"""
        SELECT customer_id, track_id, min(tn) FROM (
            SELECT customer_id, track_id, t,
                   lead(t, {s.InterestPlays - 1}) OVER (PARTITION BY customer_id, track_id ORDER BY t) AS tn
            FROM plays)
        WHERE tn IS NOT NULL AND tn - t <= {s.InterestWithinSeconds}
        GROUP BY customer_id, track_id ORDER BY customer_id, track_id
        """;

    public const string Summary = """
        SELECT count(*), count(*) FILTER (WHERE NOT customer_known), count(*) FILTER (WHERE NOT track_known) FROM plays
        """;

    public const string DeadLetters = "SELECT problem, count(*) FROM lines WHERE problem IS NOT NULL GROUP BY problem";

    /// <summary>The epoch-aligned start of the pane holding a time, also before 1970.</summary>
    private static string PaneStart(string time, int slide) =>
        string.Create(CultureInfo.InvariantCulture, $"(CAST(floor({time} / {slide}.0) AS BIGINT) * {slide})");

    private static string Literal(string path) => "'" + Path.GetFullPath(path).Replace("'", "''", StringComparison.Ordinal) + "'";
}
