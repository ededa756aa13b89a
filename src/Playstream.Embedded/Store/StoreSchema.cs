namespace Playstream.Embedded.Store;

/// <summary>
/// The embedded store's tables. Results mirror the export format (one row per result key);
/// plays are stored with ids only and joined to the customer and track snapshot of the same
/// run by the <c>enriched_plays</c> view, which keeps a 10-million-play store small and fast
/// to write while still answering "who played what" with every field.
/// Times are Unix seconds, UTC. Version 2 added the dashboard's breakdowns (<c>pane_plays</c>,
/// <c>zip_plays</c>) and the meta key <c>results_version</c>, bumped at every results write.
/// </summary>
internal static class StoreSchema
{
    public const int Version = 2;

    public const string Create = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE activity(window_start INTEGER PRIMARY KEY, window_end INTEGER NOT NULL,
            plays INTEGER NOT NULL, listeners INTEGER NOT NULL, mobile_plays INTEGER NOT NULL);
        CREATE TABLE top_tracks(window_start INTEGER NOT NULL, window_end INTEGER NOT NULL, gender TEXT NOT NULL,
            rank INTEGER NOT NULL, track_id INTEGER NOT NULL, plays INTEGER NOT NULL,
            PRIMARY KEY(window_start, gender, rank));
        CREATE TABLE profiles(customer_id INTEGER PRIMARY KEY, plays INTEGER NOT NULL, morning INTEGER NOT NULL,
            afternoon INTEGER NOT NULL, evening INTEGER NOT NULL, night INTEGER NOT NULL,
            mobile_plays INTEGER NOT NULL, unique_tracks INTEGER NOT NULL);
        CREATE TABLE profile_summary(customers INTEGER NOT NULL, morning REAL NOT NULL, afternoon REAL NOT NULL,
            evening REAL NOT NULL, night REAL NOT NULL, mobile REAL NOT NULL, unique_share REAL NOT NULL);
        CREATE TABLE unique_tracks(scope TEXT NOT NULL, track_id INTEGER NOT NULL, PRIMARY KEY(scope, track_id)) WITHOUT ROWID;
        CREATE TABLE interests(customer_id INTEGER NOT NULL, track_id INTEGER NOT NULL, detected_at INTEGER NOT NULL,
            PRIMARY KEY(customer_id, track_id)) WITHOUT ROWID;
        CREATE TABLE summary(events INTEGER NOT NULL, dead_letters INTEGER NOT NULL,
            unknown_customers INTEGER NOT NULL, unknown_tracks INTEGER NOT NULL);
        CREATE TABLE dead_letter_counts(reason TEXT PRIMARY KEY, count INTEGER NOT NULL);
        CREATE TABLE dead_letters(reason TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,
            raw TEXT NOT NULL, detail TEXT NOT NULL);
        CREATE TABLE customers(customer_id INTEGER PRIMARY KEY, name TEXT, gender TEXT, address TEXT, zip TEXT,
            sign_date TEXT, status TEXT, level TEXT, campaign TEXT, linked_with_apps TEXT, age TEXT);
        CREATE TABLE tracks(track_id INTEGER PRIMARY KEY, title TEXT, artist TEXT, length INTEGER);
        CREATE TABLE plays(event_id INTEGER NOT NULL, customer_id INTEGER NOT NULL, track_id INTEGER NOT NULL,
            time INTEGER NOT NULL, mobile INTEGER NOT NULL, zip TEXT NOT NULL);
        CREATE TABLE pane_plays(pane_start INTEGER NOT NULL, pane_end INTEGER NOT NULL, dimension TEXT NOT NULL,
            key TEXT NOT NULL, plays INTEGER NOT NULL, PRIMARY KEY(dimension, pane_start, key)) WITHOUT ROWID;
        CREATE TABLE zip_plays(zip TEXT PRIMARY KEY, plays INTEGER NOT NULL);
        CREATE INDEX zip_plays_by_plays ON zip_plays(plays DESC);
        CREATE INDEX profiles_by_plays ON profiles(plays DESC);
        CREATE INDEX interests_by_time ON interests(detected_at DESC);
        CREATE VIEW enriched_plays AS
            SELECT p.event_id, p.customer_id, p.track_id, p.time, p.mobile, p.zip,
                   c.name, c.gender, c.address, c.zip AS customer_zip, c.sign_date, c.status, c.level,
                   c.campaign, c.linked_with_apps, c.age, t.title, t.artist, t.length
            FROM plays p LEFT JOIN customers c ON c.customer_id = p.customer_id
                         LEFT JOIN tracks t ON t.track_id = p.track_id;
        """;
}
