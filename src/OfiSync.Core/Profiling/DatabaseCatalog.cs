using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using OfiSync.Core.Connections;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Profiling;

/// <summary>
/// What tab completion reads from a database: its tables and views, a table's columns, a column's most frequent
/// values. Never throws, never asks for a password (a connection whose password is not in its environment variable
/// gives nothing), gives up after <see cref="Budget"/>, and keeps answers for the session, a failure included, so a
/// slow or unreachable server costs one wait, not one per key press.
/// </summary>
public static class DatabaseCatalog
{
    /// <summary>How long completion waits for a database: past it, it completes nothing.</summary>
    public static TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FailureFresh = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, (DateTime At, bool Failed, IReadOnlyList<string> Names)> Cache = new(StringComparer.Ordinal);

    /// <summary>The tables and views, schema-qualified outside the default schema (public, dbo).</summary>
    public static IReadOnlyList<string> Tables(SyncConnection connection) =>
        Cached(Key(connection, "tables"), connection, async (db, provider, cancel) =>
        {
            await using var command = db.CreateCommand();
            command.CommandText = provider.Catalog.TablesQuery;
            var names = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
            {
                var schema = reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture);
                var name = Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture) ?? "";
                names.Add(schema is null || string.Equals(schema, provider.Catalog.DefaultSchema, StringComparison.OrdinalIgnoreCase) ? name : schema + "." + name);
            }
            return names;
        });

    /// <summary>The columns of a table, or of a query.</summary>
    public static IReadOnlyList<string> Columns(SyncConnection connection, string? table, string? query) =>
        table is null && query is null ? Array.Empty<string>()
        : Cached(Key(connection, "columns", table ?? "", query ?? ""), connection, async (db, provider, cancel) =>
            (await SchemaReader.ReadColumnsAsync(db, provider, table, query, cancel).ConfigureAwait(false))?.Select(c => c.Name).ToList() ?? new List<string>());

    /// <summary>The most frequent values of a column, as text, most frequent first.</summary>
    public static IReadOnlyList<string> Values(SyncConnection connection, string table, string column, int top = 20) =>
        Cached(Key(connection, "values", table, column), connection, async (db, provider, cancel) =>
        {
            await using var command = db.CreateCommand();
            command.CommandText = ValuesSql(provider, table, column, top);
            var values = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
            while (await reader.ReadAsync(cancel).ConfigureAwait(false))
                if (!reader.IsDBNull(0)) values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
            return values;
        });

    /// <summary>A column's <paramref name="top"/> most frequent values, as text.</summary>
    internal static string ValuesSql(IDatabaseProvider provider, string table, string column, int top)
    {
        var c = provider.QuoteIdentifier(column);
        return provider.Catalog.FirstRows($"MIN({provider.Catalog.AsText(c)})",
            $"FROM {provider.QuoteTable(table)} WHERE {c} IS NOT NULL GROUP BY {c} ORDER BY COUNT(*) DESC", top);
    }

    /// <summary>Forgets every answer (a test, or a schema that changed).</summary>
    public static void Clear() => Cache.Clear();

    private static string Key(SyncConnection connection, params string[] parts) =>
        string.Join("\u0001", new[] { connection.Provider, connection.ConnectionString, connection.CredentialSource.ToString(), connection.CredentialName ?? "" }.Concat(parts));

    private static IReadOnlyList<string> Cached(string key, SyncConnection connection,
        Func<DbConnection, IDatabaseProvider, CancellationToken, Task<List<string>>> work)
    {
        if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.At < (hit.Failed ? FailureFresh : Fresh)) return hit.Names;
        var cancel = new CancellationTokenSource(Budget);
        var task = Task.Run(async () =>
        {
            var provider = DatabaseProviders.Find(connection.Provider) ?? throw new InvalidOperationException(connection.Provider);
            // Only what needs no prompt: a stored password variable, or no password at all. A secret or -Credential
            // connection throws here, and completes nothing.
            var readOnly = new SyncConnection
            {
                Name = connection.Name, Provider = connection.Provider, ConnectionString = provider.Catalog.ForCompletion(connection.ConnectionString),
                CredentialSource = connection.CredentialSource, CredentialName = connection.CredentialName, UserName = connection.UserName,
            };
            await using var db = await ConnectionOpener.WithoutCredentials.OpenAsync(readOnly, cancel.Token).ConfigureAwait(false);
            return await work(db, provider, cancel.Token).ConfigureAwait(false);
        }, cancel.Token);
        var finished = Task.WhenAny(task, Task.Delay(Budget)).GetAwaiter().GetResult() == task && task.IsCompletedSuccessfully;
        if (!finished) cancel.Cancel();
        // A task still running is left to end on its own (its token is cancelled); its fault, if any, is observed here.
        _ = task.ContinueWith(t => { _ = t.Exception; cancel.Dispose(); }, TaskScheduler.Default);
        IReadOnlyList<string> names = finished ? task.Result : Array.Empty<string>();
        Cache[key] = (DateTime.UtcNow, !finished, names);
        return names;
    }
}
