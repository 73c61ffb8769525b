using System.Globalization;
using System.IO.Hashing;
using System.Text;
using OfiSync.Core.Filtering;
using OfiSync.Core.Lines;
using OfiSync.Core.Schema;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// How a line with a change column reads its source on a run: only the window at or after its high-water mark (less
/// the overlap), plus the rows whose last write did not succeed, in change order so the mark can move with each
/// committed batch; or everything, in key order, when the mark cannot be trusted (first run, -All, the line or the
/// column changed, the column went backwards), the mark then taken from the whole read.
/// </summary>
internal sealed class ChangeWindow
{
    /// <summary>More keys to retry than this, and the run reads everything instead of naming them in its query.</summary>
    public const int MaxRetryKeys = 500;
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromMinutes(5);

    private ChangeWindow(ColumnInfo column, string scope, bool windowed)
    {
        Column = column;
        Scope = scope;
        Windowed = windowed;
    }

    public ColumnInfo Column { get; }
    /// <summary>The fingerprint of everything in the line that decides which rows it reads and what it writes.</summary>
    public string Scope { get; }
    /// <summary>True when only the window is read (in change order); false when everything is (in key order).</summary>
    public bool Windowed { get; }

    /// <summary>
    /// Decides how the run reads, and narrows the session's query to the window when the mark can be trusted. Null when
    /// the line has no change column or the run is not one whose mark may move (a -Filter, picked rows or columns).
    /// </summary>
    public static async Task<ChangeWindow?> ApplyAsync(SyncStore store, LineSession session, SyncOptions options, CancellationToken cancel)
    {
        var line = session.Line;
        if (string.IsNullOrWhiteSpace(line.ChangeColumn) || !session.FullScope) return null;
        var column = session.SourceColumn(line.ChangeColumn)
                     ?? throw SyncLineException.Of(line.Name, () => Messages.ChangeColumnNotFound(line.ChangeColumn, line.Name));
        var family = TypeCompatibility.FamilyOf(column);
        if (family is not (Family.Date or Family.Integer))
            throw SyncLineException.Of(line.Name, () => Messages.ChangeColumnType(column.Name, column.DataTypeName));
        var scope = ScopeOf(line);
        // Every row, in key order, the mark taken from the whole read.
        ChangeWindow ReadAll()
        {
            session.TrackChanges(column);
            return session.Window = new ChangeWindow(column, scope, windowed: false);
        }
        var mark = store.GetChangeMark(line.Id);
        string? why = null;
        if (options.All) { }
        else if (mark is null) why = Messages.ChangeReadAllFirst(line.Name);
        else if (!string.Equals(mark.Column, column.Name, StringComparison.OrdinalIgnoreCase) || mark.Scope != scope) why = Messages.ChangeReadAllLineChanged(line.Name);
        if (options.All || why is not null)
        {
            if (why is not null) options.OnVerbose?.Invoke(why);
            return ReadAll();
        }
        var since = Parse(mark!.Value, family);
        var highest = Normalize(await session.MaxOfAsync(column, cancel).ConfigureAwait(false), family);
        var distrust = highest is null || Compare(highest, since) < 0 ? Messages.ChangeColumnWentBack(line.Name, column.Name, mark.Value, Text(highest))
            : since is DateTime d && d > DateTime.UtcNow.AddDays(1) || since is DateTimeOffset o && o > DateTimeOffset.UtcNow.AddDays(1)
                ? Messages.ChangeMarkInFuture(line.Name, column.Name, mark.Value) : null;
        // Deletes are found by a scan of the keys, in the database: a filter part evaluated here needs whole rows.
        if (line.DeletePolicy != DeletePolicy.Ignore && session.Query.Residual is not null)
        {
            options.OnVerbose?.Invoke(Messages.ChangeReadAllResidual(line.Name));
            return ReadAll();
        }
        var retry = store.KeysToRetry(line.Id, MaxRetryKeys + 1);
        if (distrust is null && retry.Count > MaxRetryKeys) options.OnVerbose?.Invoke(Messages.ChangeReadAllRetries(line.Name, MaxRetryKeys));
        var keys = retry.Count > MaxRetryKeys ? null : session.TypedKeys(retry);
        if (distrust is not null || keys is null)
        {
            if (distrust is not null) options.OnWarning?.Invoke(distrust);
            return ReadAll();
        }
        var from = Minus(since, family == Family.Date ? line.ChangeOverlap ?? DefaultOverlap : TimeSpan.Zero);
        session.ReadWindow(column, WindowFilter(line, column.Name, keys.Count), name => Variable(name, from, keys));
        options.OnVerbose?.Invoke(Messages.ChangeReadWindow(line.Name, column.Name, Text(from), retry.Count));
        return session.Window = new ChangeWindow(column, scope, windowed: true);
    }

    /// <summary>
    /// The window as a filter, pushed down like the line's own: the rows at or after the mark, those without a change
    /// value (they could be anything), and the keys to retry.
    /// </summary>
    private static string WindowFilter(SyncLine line, string column, int retryKeys)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{column} -ge $ofisync_since -or {column} -eq $null"));
        if (retryKeys > 0 && line.Key.Count == 1) text.Append(CultureInfo.InvariantCulture, $" -or {line.Key[0]} -in $ofisync_retry");
        else
            for (var k = 0; k < retryKeys; k++)
                text.Append(" -or (").Append(string.Join(" -and ", line.Key.Select((c, i) => string.Create(CultureInfo.InvariantCulture, $"{c} -eq $ofisync_k{k}_{i}")))).Append(')');
        return text.ToString();
    }

    private static object? Variable(string name, object from, IReadOnlyList<object?[]> keys)
    {
        if (name == "ofisync_since") return from;
        if (name == "ofisync_retry") return keys.Select(k => k[0]).ToArray();
        var parts = name["ofisync_k".Length..].Split('_');
        return keys[int.Parse(parts[0], CultureInfo.InvariantCulture)][int.Parse(parts[1], CultureInfo.InvariantCulture)];
    }

    /// <summary>The fingerprint of the line's definition, without what does not change which rows are read or what is written.</summary>
    public static string ScopeOf(SyncLine line)
    {
        var copy = line.Clone();
        (copy.Name, copy.Description, copy.Enabled, copy.Order, copy.BatchSize, copy.CommandTimeout) = ("", null, true, 0, 0, 0);
        (copy.DependsOn, copy.Created, copy.Modified, copy.ChangeOverlap) = (new List<string>(), default, default, null);
        return Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(LineJson.Serialize(copy))));
    }

    /// <summary>A change value as the mark compares it: a date as DateTime (or DateTimeOffset), a number as long; null when absent.</summary>
    public static object? Normalize(object? raw, Family family) => raw switch
    {
        null or DBNull => null,
        DateTime or DateTimeOffset => raw,
        string s when family == Family.Date => (object)DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        _ when family == Family.Integer => (object)Convert.ToInt64(raw, CultureInfo.InvariantCulture),
        _ => null,
    };

    public static int Compare(object a, object b) => (a, b) switch
    {
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (DateTimeOffset x, DateTime y) => x.UtcDateTime.CompareTo(y.ToUniversalTime()),
        (DateTime x, DateTimeOffset y) => x.ToUniversalTime().CompareTo(y.UtcDateTime),
        (DateTime x, DateTime y) => x.CompareTo(y),
        _ => Convert.ToInt64(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToInt64(b, CultureInfo.InvariantCulture)),
    };

    /// <summary>The invariant text a mark is kept in (round-trip dates, plain numbers).</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static object Parse(string text, Family family)
    {
        if (family == Family.Integer) return long.Parse(text, CultureInfo.InvariantCulture);
        // An offset after the time ("+01:00", "-05:00") is a DateTimeOffset's; "Z" or none, a DateTime's.
        var offset = text.Length > 19 && (text.IndexOf('+', 19) > 0 || text.IndexOf('-', 19) > 0);
        if (offset) return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    private static object Minus(object value, TimeSpan overlap) => value switch
    {
        // Each arm boxed: a switch of DateTime and DateTimeOffset would make every DateTime a DateTimeOffset.
        DateTime d => (object)(d - overlap),
        DateTimeOffset o => (object)(o - overlap),
        _ => value,
    };
}
