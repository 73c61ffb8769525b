using OfiSync.Core.Engine;
using OfiSync.Core.Lines;

namespace OfiSync.Bench;

/// <summary>
/// Change-column incremental against the hash scan, on one table whose change column (fecha_modif, DATETIME) is
/// indexed: three stores of the same synced target, copies of one full sync, under three definitions of the line:
/// the hash scan (no change column, what every line does without one), the change column with deletes ignored (the
/// default policy), and the change column with deletes on (the window, then a key-only scan of the source for the
/// rows gone). Each round moves 1 % of the rows (balance and change column) and runs the three, in turn, in an order
/// that rotates from round to round.
/// </summary>
internal sealed class ChangePaths
{
    /// <summary>The day the first change is dated: after every generated modification time, before today.</summary>
    private static readonly DateTime FirstChange = new(2025, 6, 1);
    private const string Table = "cuenta_cambios";

    private readonly Target _target;
    private readonly string _source;
    private readonly int _rows;
    private readonly (string Kind, BenchStore Store)[] _contenders;
    private readonly string _connection;

    private ChangePaths(Target target, string source, int rows, string connection, (string, BenchStore)[] contenders)
    {
        _target = target;
        _source = source;
        _rows = rows;
        _connection = connection;
        _contenders = contenders;
    }

    /// <summary>The full sync (one, unmeasured) and the first run of each change-column line, which reads everything and takes the mark.</summary>
    public static async Task<ChangePaths> SetUpAsync(Target t, string work, string source, int rows)
    {
        if (FirstChange.AddDays(400) > DateTime.UtcNow) throw new BenchException($"the machine's clock ({DateTime.UtcNow:O}) is before the changes' dates: a mark in the future is not trusted");
        var cs = t.Fresh(Table);
        var hash = BenchStore.Create(Path.Combine(work, $"store-change-hash-{t.Kind}.db"), source, DataSet.Table, t, cs, Table);
        var (_, s) = await hash.RunAsync();
        Check(s.Status == RunStatus.Succeeded && s.Inserted == rows, $"change setup, full sync: {s.Status}, {s.Inserted} inserted of {rows}: {s.Message}");
        var column = hash.CopyAs(Path.Combine(work, $"store-change-column-{t.Kind}.db"), l => l.ChangeColumn = "fecha_modif");
        var deletes = hash.CopyAs(Path.Combine(work, $"store-change-deletes-{t.Kind}.db"), l => (l.ChangeColumn, l.DeletePolicy) = ("fecha_modif", DeletePolicy.Delete));
        foreach (var store in new[] { column, deletes })
        {
            (_, s) = await store.RunAsync();
            Check(s.Status == RunStatus.Succeeded && s.Unchanged == rows, $"change setup, first change-column run: {s.Status}, {s.Unchanged} unchanged of {rows}: {s.Message}");
            Check(store.Store.GetChangeMark(store.Line.Id) is not null, "change setup: the first change-column run kept no mark");
        }
        return new ChangePaths(t, source, rows, cs, new[] { (Report.ChangeHash, hash), (Report.ChangeColumn, column), (Report.ChangeDeletes, deletes) });
    }

    /// <summary>One round: 1 % of the rows moved (not timed), then each contender's incremental run, timed.</summary>
    public async Task<List<string>> RoundAsync(int round, Report report)
    {
        var changed = DataSet.MoveOnePercent(_source, 50 + round, FirstChange.AddDays(round));
        var line = new List<string>();
        for (var i = 0; i < _contenders.Length; i++)
        {
            var (kind, store) = _contenders[(i + round) % _contenders.Length];
            var (seconds, s) = await store.RunAsync();
            report.Get(_target.Kind, kind, _rows).Samples.Add(seconds);
            line.Add($"{kind} {seconds:F2}s");
            Check(s.Status == RunStatus.Succeeded && s.Updated == changed && s.Inserted == 0 && s.Deleted == 0 && s.Failed == 0,
                $"{kind}: {s.Status}, {s.Updated} updated of {changed} changed, {s.Inserted} inserted, {s.Deleted} deleted, {s.Failed} failed: {s.Message}");
            // The change column's runs read the window (the moved rows and the overlap's), not the table.
            if (kind != Report.ChangeHash) Check(s.Read < _rows / 10, $"{kind} read {s.Read} of {_rows} rows: the window was not used");
        }
        Check(_target.Count(_connection, Table) == _rows, "the change measurement's target lost or gained rows");
        return line;
    }

    private static void Check(bool ok, string message)
    {
        if (!ok) throw new BenchException("wrong result: " + message);
    }
}

/// <summary>
/// The store's size against the target table's: a new store and an empty table, a full sync, then 30 incremental runs
/// with 1 % of the rows changed before each; the store's file (SQLite, the default) against the table's bytes in the
/// target database (SQLite: the pages of the file that holds only it; PostgreSQL: pg_total_relation_size; MariaDB:
/// data and index length).
/// </summary>
internal static class StoreSize
{
    public const int Incrementals = 30;
    private const string Table = "cuenta_tamano";

    public static async Task<(long Store, long Table, double Seconds)> MeasureAsync(Target t, string work, string source, int rows, Func<int> nextChange)
    {
        var cs = t.Fresh(Table);
        var store = BenchStore.Create(Path.Combine(work, $"store-size-{t.Kind}.db"), source, DataSet.Table, t, cs, Table);
        var (seconds, s) = await store.RunAsync();
        if (s.Inserted != rows) throw new BenchException($"wrong result: store size, full sync: {s.Inserted} inserted of {rows}: {s.Message}");
        for (var i = 0; i < Incrementals; i++)
        {
            var changed = DataSet.ChangeOnePercent(source, nextChange());
            var (more, r) = await store.RunAsync();
            seconds += more;
            if (r.Status != RunStatus.Succeeded || r.Updated != changed)
                throw new BenchException($"wrong result: store size, incremental {i + 1}: {r.Status}, {r.Updated} updated of {changed}: {r.Message}");
        }
        return (store.Bytes(), t.TableBytes(cs, Table), seconds);
    }
}
