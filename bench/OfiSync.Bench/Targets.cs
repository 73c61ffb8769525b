using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using OfiSync.Core.Providers;

namespace OfiSync.Bench;

/// <summary>
/// A CRM the benchmark writes into: a fresh, empty customer table for every measurement that needs one.
/// SQLite: a new file each time. PostgreSQL: the table dropped and created again in the benchmark's own database.
/// </summary>
internal abstract class Target : IDisposable
{
    public abstract string Kind { get; }
    public abstract string Label { get; }
    public abstract IDatabaseProvider Provider { get; }

    /// <summary>Creates an empty <paramref name="table"/> and returns the connection string that reaches it.</summary>
    public abstract string Fresh(string table);

    public abstract DbConnection Open(string connectionString);

    public long Count(string connectionString, string table)
    {
        using var c = Open(connectionString);
        using var command = c.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>The bytes the database uses for <paramref name="table"/>: its rows and its indexes.</summary>
    public abstract long TableBytes(string connectionString, string table);

    protected static long Scalar(DbConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The CRM account table: an identity id, the ERP code unique, typed columns.</summary>
    protected static string Ddl(string table, string id, string timestamp) => $@"CREATE TABLE {table} (
        id {id}, codigo VARCHAR(20) NOT NULL UNIQUE, razon_social VARCHAR(100) NOT NULL, nombre_comercial VARCHAR(100), nif VARCHAR(12),
        direccion VARCHAR(120), poblacion VARCHAR(60), provincia VARCHAR(40), fecha_alta DATE, fecha_modif {timestamp},
        saldo NUMERIC(12,2), activo INTEGER NOT NULL DEFAULT 1)";

    public virtual void Dispose() { }
}

internal sealed class SqliteTarget : Target
{
    private readonly string _folder;
    private int _next;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public SqliteTarget(string folder) => _folder = folder;

    public override string Kind => "sqlite";
    public override string Label => "SQLite -> SQLite";
    public override IDatabaseProvider Provider => DatabaseProviders.Sqlite;

    /// <summary>A new file holding only <paramref name="table"/>; the previous file made for that table is deleted.</summary>
    public override string Fresh(string table)
    {
        // Pooled connections would keep a deleted file open: close them first.
        SqliteConnection.ClearAllPools();
        if (_files.TryGetValue(table, out var old)) Files.Delete(old);
        var file = Path.Combine(_folder, $"crm-{table}-{++_next}.db");
        Files.Delete(file);
        _files[table] = file;
        var cs = $"Data Source={file}";
        using var c = Open(cs);
        using var command = c.CreateCommand();
        command.CommandText = Ddl(table, "INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME");
        command.ExecuteNonQuery();
        return cs;
    }

    public override DbConnection Open(string connectionString)
    {
        var c = new SqliteConnection(connectionString);
        c.Open();
        return c;
    }

    /// <summary>The file made for the table holds only it: its pages (page_count x page_size, what the file takes).</summary>
    public override long TableBytes(string connectionString, string table)
    {
        using var c = Open(connectionString);
        return Scalar(c, "PRAGMA page_count") * Scalar(c, "PRAGMA page_size");
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var old in _files.Values) Files.Delete(old);
    }
}

internal sealed class PostgresTarget : Target
{
    private readonly string _server;
    private readonly bool _owner;

    public string Database { get; }
    public string ConnectionString { get; }

    /// <summary>Creates a database of its own on the server (or, in a probe, uses the one the parent created).</summary>
    public PostgresTarget(string server, string? existing = null)
    {
        _server = server;
        _owner = existing is null;
        Database = existing ?? "ofisync_bench_" + Guid.NewGuid().ToString("N")[..10];
        if (_owner)
        {
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", admin);
            create.ExecuteNonQuery();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
    }

    public override string Kind => "postgres";
    public override string Label => "SQLite -> PostgreSQL";
    public override IDatabaseProvider Provider => DatabaseProviders.PostgreSql;

    public override string Fresh(string table)
    {
        using var c = Open(ConnectionString);
        using var command = c.CreateCommand();
        command.CommandText = $"DROP TABLE IF EXISTS {table}; {Ddl(table, "SERIAL PRIMARY KEY", "TIMESTAMP")}";
        command.ExecuteNonQuery();
        return ConnectionString;
    }

    /// <summary>pg_total_relation_size: the table, its TOAST and its indexes.</summary>
    public override long TableBytes(string connectionString, string table)
    {
        using var c = Open(connectionString);
        return Scalar(c, $"SELECT pg_total_relation_size('{table}')");
    }

    public override DbConnection Open(string connectionString)
    {
        var c = new NpgsqlConnection(connectionString);
        c.Open();
        return c;
    }

    public override void Dispose()
    {
        if (!_owner) return;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
