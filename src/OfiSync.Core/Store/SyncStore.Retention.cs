using System.Data.Common;
using System.Globalization;
using Dapper;

namespace OfiSync.Core.Store;

/// <summary>
/// History retention: the settings in the meta table (history_days, history_runs), the pruning that follows each
/// line's run, and the removal of older runs asked for by Clear-SyncRun. Runs go with their packed batches and their
/// rows in set-based statements; the sync state is never touched.
/// </summary>
public sealed partial class SyncStore
{
    internal const string HistoryDaysKey = "history_days";
    internal const string HistoryRunsKey = "history_runs";

    private HistoryRetention? _retention;

    /// <summary>The store's retention: a missing setting keeps the default, 0 (or an empty value) keeps forever.</summary>
    public HistoryRetention GetRetention() => _retention ??= Read(c => ReadRetention(c, null));

    private HistoryRetention ReadRetention(DbConnection c, DbTransaction? t)
    {
        var values = c.Query<(string Name, string? Value)>("SELECT name, value FROM ofisync_meta WHERE name IN ('history_days', 'history_runs')", transaction: t)
            .ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new HistoryRetention(Setting(values, HistoryDaysKey, HistoryRetention.DefaultDays), Setting(values, HistoryRunsKey, HistoryRetention.DefaultRuns));
    }

    private int Setting(Dictionary<string, string?> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (string.IsNullOrWhiteSpace(text)) return 0;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StoreException(StoreErrorKind.Invalid, Messages.RetentionSettingInvalid(Location.ToString(), name, text));
    }

    /// <summary>Changes the retention: a null leaves that setting as it is, 0 keeps forever.</summary>
    public HistoryRetention SetRetention(int? days, int? runs)
    {
        if (days < 0) throw new ArgumentOutOfRangeException(nameof(days), Messages.RetentionNegative);
        if (runs < 0) throw new ArgumentOutOfRangeException(nameof(runs), Messages.RetentionNegative);
        Run((c, t) =>
        {
            if (days is { } d) c.Execute(Dialect.SetMeta, new { n = HistoryDaysKey, v = d.ToString(CultureInfo.InvariantCulture) }, t);
            if (runs is { } r) c.Execute(Dialect.SetMeta, new { n = HistoryRunsKey, v = r.ToString(CultureInfo.InvariantCulture) }, t);
            return 0;
        });
        _retention = null;
        return GetRetention();
    }

    /// <summary>The store's retention as a pruning at this moment.</summary>
    public RunPruning RetentionPruning() => RunPruning.From(GetRetention(), Now());

    /// <summary>Prunes a line's runs by the store's retention, now (what follows each run); null when nothing was due.</summary>
    public RunRemoval? PruneLine(Guid lineId, string lineName) => Run((c, t) => PruneLine(c, t, lineId, lineName, Now()));

    /// <summary>
    /// The pruning after a run: one indexed query (the line's run count and oldest start) when nothing is due, else the
    /// runs beyond the limits removed in the caller's transaction.
    /// </summary>
    internal RunRemoval? PruneLine(DbConnection c, DbTransaction t, Guid lineId, string lineName, DateTime now)
    {
        var pruning = RunPruning.From(_retention ??= ReadRetention(c, t), now);
        if (!pruning.Limits) return null;
        var span = c.QueryFirst<(long Runs, object? Oldest)>(Dialect.LineRunSpan, new { id = Id(lineId) }, t);
        var due = span.Runs > 1 && (span.Runs > pruning.KeepLast || AsUtc(span.Oldest) < pruning.Before);
        if (!due) return null;
        var removal = Plan(c, t, lineId, lineName, pruning);
        return removal.Runs > 0 ? Remove(c, t, removal) : null;
    }

    /// <summary>The lines that have runs, by id (a removed line's runs included), with the name their newest run recorded.</summary>
    public IReadOnlyList<(Guid Id, string Name)> LinesWithRuns() =>
        Read(c => c.Query<(object Id, string Name)>(Dialect.LinesWithRuns).Select(r => (AsGuid(r.Id), r.Name)).ToList());

    /// <summary>What a pruning would remove of one line's runs, counted, without removing anything.</summary>
    public RunRemoval PlanRunRemoval(Guid lineId, string lineName, RunPruning pruning) => Read(c => Plan(c, null, lineId, lineName, pruning));

    /// <summary>Removes the runs a plan counted (the same newest run and count limit), with their history, in one transaction.</summary>
    public RunRemoval RemoveRuns(RunRemoval planned) => Run((c, t) => Remove(c, t, planned));

    private RunRemoval Plan(DbConnection c, DbTransaction? t, Guid lineId, string lineName, RunPruning pruning)
    {
        var id = Id(lineId);
        var wanted = (pruning.KeepLast ?? 0) + 1;
        var newestFirst = c.Query<long>(Dialect.LineRunsNewestFirst, new { id, n = wanted }, t).ToList();
        var plan = new RunRemoval
        {
            Line = lineName, LineId = lineId, Pruning = pruning, Newest = newestFirst.Count > 0 ? newestFirst[0] : 0,
            CountCut = pruning.KeepLast is { } keep && newestFirst.Count > keep ? newestFirst[keep] : 0,
        };
        if (!pruning.Limits || plan.Newest == 0) return plan;
        var condition = Dialect.PruneCondition(pruning);
        var counted = c.QueryFirst<(long Runs, object? Oldest, object? Newest)>(Dialect.CountRuns(condition), Arguments(plan), t);
        if (counted.Runs == 0) return plan;
        return new RunRemoval
        {
            Line = plan.Line, LineId = lineId, Pruning = pruning, Newest = plan.Newest, CountCut = plan.CountCut, Runs = counted.Runs,
            OldestStarted = AsUtc(counted.Oldest), NewestStarted = AsUtc(counted.Newest),
            HistoryRows = Convert.ToInt64(c.ExecuteScalar<object>(Dialect.CountHistoryRows(condition), Arguments(plan), t), CultureInfo.InvariantCulture),
        };
    }

    private RunRemoval Remove(DbConnection c, DbTransaction t, RunRemoval plan)
    {
        if (!plan.Pruning.Limits || plan.Newest == 0) return plan;
        var condition = Dialect.PruneCondition(plan.Pruning);
        var args = Arguments(plan);
        plan.HistoryRows = Convert.ToInt64(c.ExecuteScalar<object>(Dialect.CountHistoryRows(condition), args, t), CultureInfo.InvariantCulture);
        var statements = Dialect.DeleteRuns(condition);
        for (var i = 0; i < statements.Count - 1; i++) c.Execute(statements[i], args, t);
        plan.Runs = c.Execute(statements[^1], args, t);
        return plan;
    }

    private object Arguments(RunRemoval plan) => new
    {
        id = Id(plan.LineId), newest = plan.Newest, cut = plan.CountCut,
        before = plan.Pruning.Before is { } b ? DateTime.SpecifyKind(b.Kind == DateTimeKind.Local ? b.ToUniversalTime() : b, DateTimeKind.Utc) : Now(),
    };
}
