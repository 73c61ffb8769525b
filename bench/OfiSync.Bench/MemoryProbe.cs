using OfiSync.Core.Engine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OfiSync.Bench;

/// <summary>What one probe process saw: the sync's duration and the process's peak resident memory.</summary>
internal sealed record ProbeResult(long Rows, double Seconds, long PeakBytes, long StartBytes, long Inserted);

/// <summary>
/// Peak memory of a full sync, each size in a fresh child process (this executable with the hidden --memory-probe
/// mode), so that one size's heap, caches and JIT state cannot hide or inflate the other's. The child runs one full
/// sync of a prepared source into an empty target and reports VmHWM (peak resident set) from /proc/self/status,
/// or Process.PeakWorkingSet64 where /proc is missing.
/// </summary>
internal static class MemoryProbe
{
    private const string Marker = "OFISYNC_BENCH_PROBE=";

    /// <summary>Parent side: starts the child and reads its result.</summary>
    public static ProbeResult Run(string source, long rows, string kind, string work, string? pgDatabase)
    {
        var start = SelfStart();
        foreach (var a in new[] { "--memory-probe", "--source", source, "--rows", rows.ToString(CultureInfo.InvariantCulture), "--target", kind, "--work", work })
            start.ArgumentList.Add(a);
        if (pgDatabase is not null) { start.ArgumentList.Add("--pg-database"); start.ArgumentList.Add(pgDatabase); }
        if (BenchStore.BatchSize is { } size) { start.ArgumentList.Add("--batch-size"); start.ArgumentList.Add(size.ToString(CultureInfo.InvariantCulture)); }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new BenchException("the memory probe did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
            throw new BenchException($"The memory probe ({kind}, {rows} rows) failed (exit {process.ExitCode}):\n{output}\n{errors.Result}");
        return JsonSerializer.Deserialize<ProbeResult>(line[Marker.Length..])!;
    }

    /// <summary>This program again: its apphost, or `dotnet OfiSync.Bench.dll` when started through dotnet.</summary>
    private static ProcessStartInfo SelfStart()
    {
        var exe = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
        {
            var start = new ProcessStartInfo(exe);
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
            return start;
        }
        return new ProcessStartInfo(exe);
    }

    /// <summary>Child side: one full sync, then the peak.</summary>
    public static async Task<int> ChildAsync(Options o)
    {
        var startBytes = Resident("VmRSS");
        var folder = Path.Combine(o.Work, $"probe-{o.ProbeTarget}-{o.ProbeRows}");
        Directory.CreateDirectory(folder);
        using Target target = o.ProbeTarget switch
        {
            "postgres" => new PostgresTarget(Environment.GetEnvironmentVariable(Program.PostgresVariable) ?? throw new BenchException(Program.PostgresVariable + " is not set"), o.PgDatabase),
            "mariadb" or "mariadb-load" => new MariaDbTarget(Environment.GetEnvironmentVariable(MariaDbTarget.Variable) ?? throw new BenchException(MariaDbTarget.Variable + " is not set"),
                o.ProbeTarget == "mariadb-load", o.PgDatabase),
            _ => new SqliteTarget(folder),
        };
        var cs = target.Fresh("cuenta");
        var store = BenchStore.Create(Path.Combine(folder, "store.db"), o.ProbeSource!, DataSet.Table, target, cs, "cuenta");
        var (seconds, summary) = await store.RunAsync();
        if (summary.Inserted != o.ProbeRows || summary.Status != RunStatus.Succeeded)
            throw new BenchException($"memory probe: {summary.Inserted} of {o.ProbeRows} rows inserted, status {summary.Status}: {summary.Message}");
        var peak = Resident("VmHWM");
        if (peak <= 0) peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(Marker + JsonSerializer.Serialize(new ProbeResult(o.ProbeRows, seconds, peak, startBytes, summary.Inserted)));
        return 0; // the parent removes the work folder and drops its database
    }

    /// <summary>A line of /proc/self/status in bytes ("VmHWM:  123456 kB"), or -1.</summary>
    private static long Resident(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return -1;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var parts = line[(field.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
        }
        return -1;
    }
}
