using Dapper;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;

namespace OfiSync.Core.Store;

/// <summary>Lines and connections: each kept as its JSON definition beside the columns it is looked up by.</summary>
public sealed partial class SyncStore
{
    public IReadOnlyList<SyncConnection> GetConnections() => Read(c =>
        c.Query<string>("SELECT definition FROM ofisync_connection ORDER BY name_key")
         .Select(LineJson.Deserialize<SyncConnection>).ToList());

    public SyncConnection? GetConnection(string name) => Read(c =>
        c.QueryFirstOrDefault<string?>("SELECT definition FROM ofisync_connection WHERE name_key = @k", new { k = NameKey(name) })
        is { } json ? LineJson.Deserialize<SyncConnection>(json) : null);

    /// <summary>Adds the connection, or replaces the one of the same name when <paramref name="replace"/> is set.</summary>
    public void SaveConnection(SyncConnection connection, bool replace) => Run((c, t) =>
    {
        var exists = c.ExecuteScalar<int>("SELECT COUNT(*) FROM ofisync_connection WHERE name_key = @k", new { k = NameKey(connection.Name) }, t) > 0;
        if (exists && !replace)
            throw new StoreException(StoreErrorKind.AlreadyExists, Messages.ConnectionExists(connection.Name));
        var now = Now();
        if (!exists) connection.Created = now;
        connection.Modified = now;
        var args = new { k = NameKey(connection.Name), n = connection.Name, d = LineJson.Serialize(connection), m = now };
        c.Execute(exists
            ? "UPDATE ofisync_connection SET name = @n, definition = @d, modified = @m WHERE name_key = @k"
            : "INSERT INTO ofisync_connection (name_key, name, definition, modified) VALUES (@k, @n, @d, @m)", args, t);
        return 0;
    });

    /// <summary>Removes a connection no line uses; the names of the lines that still use it otherwise.</summary>
    public void RemoveConnection(string name) => Run((c, t) =>
    {
        var users = c.Query<string>("SELECT definition FROM ofisync_line", transaction: t)
            .Select(LineJson.Deserialize)
            .Where(l => string.Equals(l.Source, name, StringComparison.OrdinalIgnoreCase) || string.Equals(l.Target, name, StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Name).ToList();
        if (users.Count > 0)
            throw new StoreException(StoreErrorKind.InUse, Messages.ConnectionInUse(name, users));
        if (c.Execute("DELETE FROM ofisync_connection WHERE name_key = @k", new { k = NameKey(name) }, t) == 0)
            throw new StoreException(StoreErrorKind.NotFound, Messages.ConnectionNotFound(name));
        return 0;
    });

    public IReadOnlyList<SyncLine> GetLines() => Read(c =>
        c.Query<string>("SELECT definition FROM ofisync_line ORDER BY sort_order, name_key")
         .Select(LineJson.Deserialize).ToList());

    public SyncLine? GetLine(string name) => Read(c =>
        c.QueryFirstOrDefault<string?>("SELECT definition FROM ofisync_line WHERE name_key = @k", new { k = NameKey(name) })
        is { } json ? LineJson.Deserialize(json) : null);

    /// <summary>Adds a new line; its name must be free.</summary>
    public void AddLine(SyncLine line) => Run((c, t) =>
    {
        if (c.ExecuteScalar<int>("SELECT COUNT(*) FROM ofisync_line WHERE name_key = @k", new { k = NameKey(line.Name) }, t) > 0)
            throw new StoreException(StoreErrorKind.AlreadyExists, Messages.LineExists(line.Name));
        line.Created = line.Modified = Now();
        var no = c.ExecuteScalar<int>(Dialect.NextLineNo, transaction: t);
        c.Execute("INSERT INTO ofisync_line (line_id, line_no, name_key, name, sort_order, definition, modified) VALUES (@id, @no, @k, @n, @o, @d, @m)",
            new { id = Id(line.Id), no, k = NameKey(line.Name), n = line.Name, o = line.Order, d = LineJson.Serialize(line), m = line.Modified }, t);
        return 0;
    });

    /// <summary>Saves a changed line, found by its id, so a rename keeps its sync state and history.</summary>
    public void UpdateLine(SyncLine line) => Run((c, t) =>
    {
        var clash = c.QueryFirstOrDefault<string?>("SELECT name FROM ofisync_line WHERE name_key = @k AND line_id <> @id",
            new { k = NameKey(line.Name), id = Id(line.Id) }, t);
        if (clash is not null) throw new StoreException(StoreErrorKind.AlreadyExists, Messages.LineExists(line.Name));
        line.Modified = Now();
        var n = c.Execute("UPDATE ofisync_line SET name_key = @k, name = @n, sort_order = @o, definition = @d, modified = @m WHERE line_id = @id",
            new { id = Id(line.Id), k = NameKey(line.Name), n = line.Name, o = line.Order, d = LineJson.Serialize(line), m = line.Modified }, t);
        if (n == 0) throw new StoreException(StoreErrorKind.NotFound, Messages.LineNotFound(line.Name));
        return 0;
    });

    /// <summary>Removes a line with its sync state; its run history stays, readable by run id.</summary>
    public void RemoveLine(SyncLine line) => Run((c, t) =>
    {
        c.Execute("DELETE FROM ofisync_state WHERE line_no = (SELECT line_no FROM ofisync_line WHERE line_id = @id)", new { id = Id(line.Id) }, t);
        _lineNumbers.TryRemove(line.Id, out _);
        if (c.Execute("DELETE FROM ofisync_line WHERE line_id = @id", new { id = Id(line.Id) }, t) == 0)
            throw new StoreException(StoreErrorKind.NotFound, Messages.LineNotFound(line.Name));
        return 0;
    });
}
