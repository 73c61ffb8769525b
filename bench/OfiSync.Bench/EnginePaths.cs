using System.Diagnostics;
using Microsoft.Data.Sqlite;
using OfiSync.Core.Connections;
using OfiSync.Core.Engine;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;

namespace OfiSync.Bench;

/// <summary>
/// OfiSync as a user sets it up: a store (a SQLite file, the default), the ERP and CRM connections, and one line
/// "Clientes" mapping every source column onto its CRM column, keyed by codigo, reading back the CRM id.
/// </summary>
internal sealed class BenchStore
{
    public const string LineName = "Clientes";

    /// <summary>The line's BatchSize (--batch-size); null keeps the engine's default.</summary>
    public static int? BatchSize { get; set; }

    public SyncStore Store { get; }
    public SyncLine Line { get; }
    public string File { get; }

    private BenchStore(string file, SyncStore store, SyncLine line)
    {
        File = file;
        Store = store;
        Line = line;
    }

    /// <summary>A new, empty store file with the two connections and the line.</summary>
    public static BenchStore Create(string file, string sourceFile, string sourceTable, Target target, string targetConnection, string targetTable,
        Action<SyncLine>? configure = null)
    {
        SqliteConnection.ClearAllPools();
        Files.Delete(file);
        var store = SyncStore.Open(StoreLocation.Parse(file));
        store.SaveConnection(new SyncConnection { Name = "ERP", Provider = DatabaseProviders.Sqlite.Name, ConnectionString = "Data Source=" + sourceFile }, replace: true);
        store.SaveConnection(new SyncConnection { Name = "CRM", Provider = target.Provider.Name, ConnectionString = targetConnection }, replace: true);
        var line = new SyncLine
        {
            Name = LineName, Source = "ERP", SourceTable = sourceTable, Target = "CRM", TargetTable = targetTable, TargetId = "id",
            Key = { "codigo" }, TargetKey = { "codigo" },
        };
        foreach (var column in DataSet.Columns) line.Columns.Add(new ColumnMapping { TargetColumn = column, SourceColumn = column });
        if (BatchSize is { } size) line.BatchSize = size;
        configure?.Invoke(line);
        store.AddLine(line);
        return new BenchStore(file, store, store.GetLine(LineName)!);
    }

    /// <summary>
    /// A copy of this store (state, history, the line) in another file, its line changed by <paramref name="change"/>:
    /// the same synced table under another line definition, without another full sync.
    /// </summary>
    public BenchStore CopyAs(string file, Action<SyncLine> change)
    {
        SqliteConnection.ClearAllPools(); // the last connection closed checkpoints the store's journal into its file
        Files.Delete(file);
        foreach (var suffix in new[] { "", "-wal" })
            if (System.IO.File.Exists(File + suffix)) System.IO.File.Copy(File + suffix, file + suffix);
        var store = SyncStore.Open(StoreLocation.Parse(file));
        var line = store.GetLine(LineName)!;
        change(line);
        store.UpdateLine(line);
        return new BenchStore(file, store, store.GetLine(LineName)!);
    }

    /// <summary>The store's size on disk: its file and the journal beside it, as the user's disk holds them.</summary>
    public long Bytes()
    {
        SqliteConnection.ClearAllPools();
        return new[] { "", "-wal", "-journal" }.Select(s => new FileInfo(File + s)).Where(f => f.Exists).Sum(f => f.Length);
    }

    /// <summary>One engine run of the line, results drained as they come (what `| Out-Null` does), timed.</summary>
    public async Task<(double Seconds, SyncRun Summary)> RunAsync()
    {
        var engine = new SyncEngine(Store, ConnectionOpener.WithoutCredentials);
        SyncRun? summary = null;
        var watch = Stopwatch.StartNew();
        await foreach (var _ in engine.RunAsync(Line, new SyncOptions(), null, s => summary = s, default)) { }
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, summary!);
    }
}
