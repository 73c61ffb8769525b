using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OfiSync.Bench;

/// <summary>One measurement of one target kind: its samples (one per round), their median, and rows per second.</summary>
internal sealed class Measurement
{
    public required string Name { get; init; }
    public required string Target { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required long Rows { get; init; }
    public List<double> Samples { get; } = new();
    /// <summary>Peak resident memory, for the memory probe.</summary>
    public long? PeakBytes { get; set; }
    /// <summary>Bytes on disk, for the store's size and the target table's.</summary>
    public long? SizeBytes { get; set; }

    public double Median
    {
        get
        {
            var s = Samples.Order().ToArray();
            return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    public double RowsPerSecond => Median > 0 ? Rows / Median : 0;
}

/// <summary>
/// A target of the issue: the median of the per-round ratios of two measurements taken in the same rounds (or one
/// peak or size over another), from the same run; <paramref name="OfMedians"/> is the ratio of the two medians.
/// </summary>
internal sealed record Ratio(string Name, string Target, string Of, string Over, double Value, double? Limit, double? OfMedians = null)
{
    /// <summary>A ratio without a limit is shown for information only.</summary>
    public bool Met => Limit is not { } limit || Value <= limit;
}

internal sealed class Report
{
    public const string Floor = "raw-floor", Scan = "raw-scan", Full = "full-sync", Incremental = "incremental-1pct", Nothing = "nothing-changed",
        Cmdlet = "cmdlet-full-sync", EngineInPwsh = "engine-in-pwsh-full-sync", CmdletRows = "cmdlet-rows-full-sync", MemorySmall = "peak-memory-small", MemoryLarge = "peak-memory-large",
        ChangeHash = "change-hash-incremental", ChangeColumn = "change-column-incremental", ChangeDeletes = "change-column-deletes",
        StoreSize = "store-size", TargetSize = "target-table-size",
        ParallelOne = "parallel-8-lines-throttle-1", ParallelFour = "parallel-8-lines-throttle-4";

    private static readonly (string Kind, string Title)[] Order =
    {
        (Floor, "raw floor (reader + plain bulk write)"),
        (Scan, "raw scan (reader + hash per row)"),
        (Full, "OfiSync full sync, empty target"),
        (Incremental, "OfiSync incremental, 1 % changed"),
        (Nothing, "OfiSync run, nothing changed"),
        (Cmdlet, "Invoke-OfiSync full sync (pwsh)"),
        (EngineInPwsh, "engine full sync inside pwsh, no cmdlet"),
        (CmdletRows, "Invoke-OfiSync full sync, every row out"),
        (MemorySmall, "peak memory, full sync"),
        (MemoryLarge, "peak memory, full sync"),
        (ParallelOne, "8 lines, -ThrottleLimit 1"),
        (ParallelFour, "8 lines, -ThrottleLimit 4"),
        (ChangeHash, "incremental 1 %, hash scan (change table)"),
        (ChangeColumn, "incremental 1 %, change column, no deletes"),
        (ChangeDeletes, "incremental 1 %, change column + key scan"),
        (StoreSize, "store after full + 30 incrementals"),
        (TargetSize, "target table after the same"),
    };

    private readonly Dictionary<(string Target, string Kind), Measurement> _measurements = new();
    public List<Ratio> Ratios { get; } = new();
    public List<string> Notes { get; } = new();

    public Measurement Get(string target, string kind, long rows)
    {
        if (!_measurements.TryGetValue((target, kind), out var m))
        {
            var title = Order.First(o => o.Kind == kind).Title;
            _measurements[(target, kind)] = m = new Measurement { Name = $"{target}/{kind}", Target = target, Kind = kind, Title = title, Rows = rows };
        }
        return m;
    }

    private Measurement? Find(string target, string kind) => _measurements.GetValueOrDefault((target, kind));

    /// <summary>The issue's targets, for every target kind that has both sides measured.</summary>
    public void ComputeRatios(IEnumerable<string> targets)
    {
        Ratios.Clear();
        foreach (var t in targets)
        {
            void Add(string name, string of, string over, double? limit, bool peak = false, bool size = false)
            {
                if (Find(t, of) is not { } a || Find(t, over) is not { } b) return;
                if (peak || size)
                {
                    var bytes = peak ? (double)a.PeakBytes!.Value / b.PeakBytes!.Value : (double)a.SizeBytes!.Value / b.SizeBytes!.Value;
                    Ratios.Add(new Ratio(name, t, of, over, Math.Round(bytes, 3), limit));
                    return;
                }
                // Round by round: both were measured in the same rounds, so noise that hits one round hits both sides.
                var rounds = Math.Min(a.Samples.Count, b.Samples.Count);
                if (rounds == 0) return;
                var perRound = Enumerable.Range(0, rounds).Select(i => a.Samples[i] / b.Samples[i]).Order().ToArray();
                var median = rounds % 2 == 1 ? perRound[rounds / 2] : (perRound[rounds / 2 - 1] + perRound[rounds / 2]) / 2;
                Ratios.Add(new Ratio(name, t, of, over, Math.Round(median, 3), limit, Math.Round(a.Median / b.Median, 3)));
            }
            Add("full sync / raw floor", Full, Floor, 1.5);
            Add("incremental (1 % changed) / raw scan", Incremental, Scan, 1.3);
            Add("nothing changed / raw scan", Nothing, Scan, 1.2);
            // The cmdlet layer's cost: both sides in the same pwsh process, in alternating order. Against the engine in this
            // process (another process, another moment) the ratio also holds the machine's load and pwsh's JIT state.
            Add("Invoke-OfiSync / engine in the same pwsh", Cmdlet, EngineInPwsh, 1.1);
            Add("Invoke-OfiSync / engine full sync (bench process)", Cmdlet, Full, null);
            Add("Invoke-OfiSync, every row out / engine in pwsh", CmdletRows, EngineInPwsh, null);
            Add("peak memory large / small", MemoryLarge, MemorySmall, 1.5, peak: true);
            Add("8 lines: -ThrottleLimit 1 / 4 (speed-up)", ParallelOne, ParallelFour, null);
            Add("change column / hash scan, incremental 1 %", ChangeColumn, ChangeHash, 0.1);
            Add("change column + delete scan / hash scan", ChangeDeletes, ChangeHash, 0.35);
            Add("store / target table, after 30 incrementals", StoreSize, TargetSize, 0.5, size: true);
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), to judge how quiet the machine was.</summary>
    public static string? LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null; }
        catch (IOException) { return null; }
    }

    public string Table(IReadOnlyList<Target> targets, int rows, int rounds)
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"OfiSync benchmark: {rows:N0} rows, medians of {rounds} alternating rounds ({Environment.ProcessorCount} cores)");
        b.Append($"{"measurement",-52}");
        foreach (var t in targets) b.Append($"| {t.Label,-29}");
        b.AppendLine();
        b.Append($"{"",-52}");
        foreach (var _ in targets) b.Append($"| {"rows",9} {"seconds",8} {"rows/s",10}");
        b.AppendLine();
        foreach (var (kind, title) in Order)
        {
            var row = targets.Select(t => Find(t.Kind, kind)).ToList();
            if (row.All(m => m is null)) continue;
            b.Append($"{title,-52}");
            foreach (var m in row)
            {
                if (m is null) { b.Append($"| {"-",29}"); continue; }
                var peak = m.PeakBytes is { } p ? $" peak {p / 1048576.0:F0} MiB" : m.SizeBytes is { } z ? $" {z / 1048576.0:F1} MiB" : "";
                if (m.Samples.Count == 0) b.Append(CultureInfo.InvariantCulture, $"| {m.Rows,9:N0} {"-",8} {"-",10}{peak}");
                else b.Append(CultureInfo.InvariantCulture, $"| {m.Rows,9:N0} {m.Median,8:F2} {m.RowsPerSecond,10:N0}{peak}");
            }
            b.AppendLine();
        }
        b.AppendLine();
        b.AppendLine($"{"target (median of per-round ratios)",-52}{"",-10}{"value",7}  {"limit",6}  result");
        foreach (var r in Ratios)
            b.AppendLine(CultureInfo.InvariantCulture, $"{r.Name,-52}{r.Target,-10}{r.Value,7:F2}  {(r.Limit is { } l ? "<= " + l.ToString(CultureInfo.InvariantCulture) : ""),6}  {(r.Limit is null ? "(information)" : r.Met ? "met" : "MISSED")}");
        foreach (var n in Notes) b.AppendLine("note: " + n);
        return b.ToString();
    }

    /// <summary>The lines for README.md: the ratios of this run as a Markdown table.</summary>
    public string Markdown(IReadOnlyList<Target> targets, int rows, int rounds)
    {
        var b = new StringBuilder();
        var names = Ratios.Select(r => r.Name).Distinct().ToList();
        b.AppendLine(CultureInfo.InvariantCulture, $"Latest `./build.sh bench` ({DateTime.UtcNow:yyyy-MM-dd}, {rows:N0} generated customer rows, medians of {rounds} alternating rounds, " +
                                                   $"{Environment.ProcessorCount}-core Linux x64, .NET {Environment.Version}); medians of the per-round ratios from the same run:");
        b.AppendLine();
        b.Append("| target | limit |");
        foreach (var t in targets) b.Append($" {t.Label.Replace("->", "→")} |");
        b.AppendLine();
        b.Append("| --- | --- |");
        foreach (var _ in targets) b.Append(" --- |");
        b.AppendLine();
        foreach (var name in names)
        {
            var limit = Ratios.First(r => r.Name == name).Limit;
            b.Append(CultureInfo.InvariantCulture, $"| {name} | {(limit is null ? "(information)" : "≤ " + limit)} |");
            foreach (var t in targets)
            {
                var r = Ratios.FirstOrDefault(x => x.Name == name && x.Target == t.Kind);
                b.Append(r is null ? " - |" : string.Create(CultureInfo.InvariantCulture, $" {r.Value:F2}{(r.Limit is null ? "" : r.Met ? " met" : " **missed**")} |"));
            }
            b.AppendLine();
        }
        return b.ToString();
    }

    public string Json(int rows, int rounds, long smallMemory, long largeMemory, int batchSize, string? commit, int? changeRows)
    {
        var doc = new
        {
            generated = DateTime.UtcNow,
            commit,
            machine = new
            {
                cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString(),
                loadAverage = LoadAverage(),
            },
            rows, rounds, lineBatchSize = batchSize, changeRows,
            memoryRows = new[] { smallMemory, largeMemory },
            measurements = _measurements.Values.Select(m => new
            {
                name = m.Name, target = m.Target, measurement = m.Kind, rows = m.Rows,
                medianSeconds = m.Samples.Count == 0 ? (double?)null : Math.Round(m.Median, 4),
                rowsPerSecond = m.Samples.Count == 0 ? (double?)null : Math.Round(m.RowsPerSecond, 0),
                samples = m.Samples.Select(s => Math.Round(s, 4)).ToArray(), peakBytes = m.PeakBytes, sizeBytes = m.SizeBytes,
                ratios = Ratios.Where(r => r.Target == m.Target && r.Of == m.Kind)
                    .Select(r => new { name = r.Name, over = $"{r.Target}/{r.Over}", value = r.Value, ofMedians = r.OfMedians, limit = r.Limit, met = r.Met }).ToArray(),
            }).ToArray(),
            ratios = Ratios.Select(r => new { name = r.Name, target = r.Target, of = $"{r.Target}/{r.Of}", over = $"{r.Target}/{r.Over}", value = r.Value, ofMedians = r.OfMedians, limit = r.Limit, met = r.Met }).ToArray(),
            allTargetsMet = Ratios.All(r => r.Met),
            targetsMissed = Ratios.Count(r => !r.Met),
            notes = Notes,
        };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions
        {
            WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
