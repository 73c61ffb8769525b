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

/// <summary>A target of the issue: one median (or peak) over another, from the same run.</summary>
internal sealed record Ratio(string Name, string Target, string Of, string Over, double Value, double? Limit)
{
    /// <summary>A ratio without a limit is shown for information only.</summary>
    public bool Met => Limit is not { } limit || Value <= limit;
}

internal sealed class Report
{
    public const string Floor = "raw-floor", Scan = "raw-scan", Full = "full-sync", Incremental = "incremental-1pct", Nothing = "nothing-changed",
        Cmdlet = "cmdlet-full-sync", EngineInPwsh = "engine-in-pwsh-full-sync", MemorySmall = "peak-memory-small", MemoryLarge = "peak-memory-large",
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
        (MemorySmall, "peak memory, full sync"),
        (MemoryLarge, "peak memory, full sync"),
        (ParallelOne, "8 lines, -ThrottleLimit 1"),
        (ParallelFour, "8 lines, -ThrottleLimit 4"),
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
            void Add(string name, string of, string over, double? limit, bool peak = false)
            {
                if (Find(t, of) is not { } a || Find(t, over) is not { } b) return;
                var value = peak ? (double)a.PeakBytes!.Value / b.PeakBytes!.Value : a.Median / b.Median;
                Ratios.Add(new Ratio(name, t, of, over, Math.Round(value, 3), limit));
            }
            Add("full sync / raw floor", Full, Floor, 1.5);
            Add("incremental (1 % changed) / raw scan", Incremental, Scan, 1.3);
            Add("nothing changed / raw scan", Nothing, Scan, 1.2);
            Add("Invoke-OfiSync / engine full sync", Cmdlet, Full, 1.15);
            Add("Invoke-OfiSync / engine in the same pwsh", Cmdlet, EngineInPwsh, null);
            Add("peak memory large / small", MemoryLarge, MemorySmall, 1.5, peak: true);
            Add("8 lines: -ThrottleLimit 1 / 4 (speed-up)", ParallelOne, ParallelFour, null);
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
        b.Append($"{"measurement",-44}");
        foreach (var t in targets) b.Append($"| {t.Label,-29}");
        b.AppendLine();
        b.Append($"{"",-44}");
        foreach (var _ in targets) b.Append($"| {"rows",9} {"seconds",8} {"rows/s",10}");
        b.AppendLine();
        foreach (var (kind, title) in Order)
        {
            var row = targets.Select(t => Find(t.Kind, kind)).ToList();
            if (row.All(m => m is null)) continue;
            b.Append($"{title,-44}");
            foreach (var m in row)
            {
                if (m is null) { b.Append($"| {"-",29}"); continue; }
                var peak = m.PeakBytes is { } p ? $" peak {p / 1048576.0:F0} MiB" : "";
                b.Append(CultureInfo.InvariantCulture, $"| {m.Rows,9:N0} {m.Median,8:F2} {m.RowsPerSecond,10:N0}{peak}");
            }
            b.AppendLine();
        }
        b.AppendLine();
        b.AppendLine($"{"target (ratio of medians, same run)",-44}{"",-10}{"value",7}  {"limit",6}  result");
        foreach (var r in Ratios)
            b.AppendLine(CultureInfo.InvariantCulture, $"{r.Name,-44}{r.Target,-10}{r.Value,7:F2}  {(r.Limit is { } l ? "<= " + l.ToString(CultureInfo.InvariantCulture) : ""),6}  {(r.Limit is null ? "(information)" : r.Met ? "met" : "MISSED")}");
        foreach (var n in Notes) b.AppendLine("note: " + n);
        return b.ToString();
    }

    /// <summary>The lines for README.md: the ratios of this run as a Markdown table.</summary>
    public string Markdown(IReadOnlyList<Target> targets, int rows, int rounds)
    {
        var b = new StringBuilder();
        var names = Ratios.Select(r => r.Name).Distinct().ToList();
        b.AppendLine(CultureInfo.InvariantCulture, $"Latest `./build.sh bench` ({DateTime.UtcNow:yyyy-MM-dd}, {rows:N0} generated customer rows, medians of {rounds} alternating rounds, " +
                                                   $"{Environment.ProcessorCount}-core Linux x64, .NET {Environment.Version}); ratios of medians from the same run:");
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

    public string Json(int rows, int rounds, long smallMemory, long largeMemory, int batchSize, string? commit)
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
            rows, rounds, lineBatchSize = batchSize,
            memoryRows = new[] { smallMemory, largeMemory },
            measurements = _measurements.Values.Select(m => new
            {
                name = m.Name, target = m.Target, measurement = m.Kind, rows = m.Rows,
                medianSeconds = Math.Round(m.Median, 4), rowsPerSecond = Math.Round(m.RowsPerSecond, 0),
                samples = m.Samples.Select(s => Math.Round(s, 4)).ToArray(), peakBytes = m.PeakBytes,
                ratios = Ratios.Where(r => r.Target == m.Target && r.Of == m.Kind)
                    .Select(r => new { name = r.Name, over = $"{r.Target}/{r.Over}", value = r.Value, limit = r.Limit, met = r.Met }).ToArray(),
            }).ToArray(),
            ratios = Ratios.Select(r => new { name = r.Name, target = r.Target, of = $"{r.Target}/{r.Of}", over = $"{r.Target}/{r.Over}", value = r.Value, limit = r.Limit, met = r.Met }).ToArray(),
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
