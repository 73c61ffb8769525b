using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using OfiSync.Core.Providers;

namespace OfiSync.Bench;

/// <summary>
/// A MariaDB CRM: a database of its own on the server named by OFISYNC_TEST_MARIADB, the table dropped and created
/// again for every measurement. Two targets share the server and measure the writer's two paths in the same run:
/// "mariadb", what OfiSync does by default, multi-row INSERT ... ON DUPLICATE KEY UPDATE (the bench table has no
/// unique index but the key's); "mariadb-load", the same line on a connection with AllowLoadLocalInfile=true, where
/// the writer loads a staging table with LOAD DATA LOCAL (MySqlBulkCopy) and merges it into the table.
/// </summary>
internal sealed class MariaDbTarget : Target
{
    public const string Variable = "OFISYNC_TEST_MARIADB";
    private readonly string _server;
    private readonly bool _owner;
    private readonly bool _loadData;

    public string Database { get; }
    public string ConnectionString { get; }

    public MariaDbTarget(string server, bool loadData, string? existing = null)
    {
        _server = server;
        _loadData = loadData;
        _owner = existing is null;
        Database = existing ?? "ofisync_bench_" + Guid.NewGuid().ToString("N")[..10];
        if (_owner)
        {
            using var admin = new MySqlConnection(server);
            admin.Open();
            using var create = new MySqlCommand($"CREATE DATABASE `{Database}`", admin);
            create.ExecuteNonQuery();
        }
        ConnectionString = new MySqlConnectionStringBuilder(server) { Database = Database, AllowLoadLocalInfile = loadData }.ConnectionString;
    }

    public override string Kind => _loadData ? "mariadb-load" : "mariadb";
    public override string Label => _loadData ? "SQLite -> MariaDB (LOAD DATA)" : "SQLite -> MariaDB";
    public override IDatabaseProvider Provider => DatabaseProviders.MariaDb;

    public override string Fresh(string table)
    {
        using var c = Open(ConnectionString);
        using var command = c.CreateCommand();
        command.CommandText = $"DROP TABLE IF EXISTS {table}; {Ddl(table, "INT AUTO_INCREMENT PRIMARY KEY", "DATETIME(6)")}";
        command.ExecuteNonQuery();
        return ConnectionString;
    }

    /// <summary>InnoDB's data and index length, with the statistics brought up to date first (ANALYZE TABLE).</summary>
    public override long TableBytes(string connectionString, string table)
    {
        using var c = Open(connectionString);
        using (var analyze = new MySqlCommand($"ANALYZE TABLE {table}", (MySqlConnection)c)) using (var r = analyze.ExecuteReader()) while (r.Read()) { }
        return Scalar(c, $"SELECT data_length + index_length FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{table}'");
    }

    public override DbConnection Open(string connectionString)
    {
        var c = new MySqlConnection(connectionString);
        c.Open();
        return c;
    }

    /// <summary>
    /// Raw floor, MariaDB: a data reader over the source streamed by one LOAD DATA LOCAL (MySqlBulkCopy) straight into
    /// the table, the server converting SQLite's text dates and numbers; the fastest plain way in, for both targets.
    /// </summary>
    public static long Floor(string source, string targetConnection, string table)
    {
        using var src = new SqliteConnection($"Data Source={source};Mode=ReadOnly");
        src.Open();
        using var read = src.CreateCommand();
        read.CommandText = $"SELECT {string.Join(", ", DataSet.Columns)} FROM {DataSet.Table}";
        using var reader = read.ExecuteReader();
        var cs = new MySqlConnectionStringBuilder(targetConnection) { AllowLoadLocalInfile = true }.ConnectionString;
        using var dst = new MySqlConnection(cs);
        dst.Open();
        var bulk = new MySqlBulkCopy(dst) { DestinationTableName = table, BulkCopyTimeout = 0 };
        for (var i = 0; i < DataSet.Columns.Length; i++) bulk.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, DataSet.Columns[i]));
        var result = bulk.WriteToServer(reader);
        // A note (a balance rounded to the column's two decimals) is what any INSERT does too; a warning would be a wrong value.
        if (result.Warnings.FirstOrDefault(w => w.Level != "Note") is { } warning) throw new BenchException("raw floor: LOAD DATA warned: " + warning.Message);
        return result.RowsInserted;
    }

    public override void Dispose()
    {
        if (!_owner) return;
        MySqlConnection.ClearAllPools();
        using var admin = new MySqlConnection(_server);
        admin.Open();
        using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{Database}`", admin);
        drop.ExecuteNonQuery();
    }
}
