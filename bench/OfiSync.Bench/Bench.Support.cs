using System.Diagnostics;

namespace OfiSync.Bench;

/// <summary>The benchmark's side work: the repository root, the peak-memory probes and the commit measured.</summary>
internal sealed partial class Bench
{
    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "OfiSync.PowerShell.sln"))) return dir.FullName;
        }
        throw new BenchException("cannot find the repository root (OfiSync.PowerShell.sln) above the benchmark or the current folder");
    }

    /// <summary>Peak memory of a full sync at two sizes, each in a fresh child process.</summary>
    private void MemoryProbes(List<Target> targets)
    {
        var sizes = new[] { (Report.MemorySmall, _o.SmallMemoryRows), (Report.MemoryLarge, _o.LargeMemoryRows) };
        var sources = new Dictionary<long, string>();
        foreach (var (_, rows) in sizes)
        {
            var file = Path.Combine(_work, $"erp-{rows}.db");
            var watch = Stopwatch.StartNew();
            DataSet.Create(file, checked((int)rows));
            sources[rows] = file;
            Say($"Generated {rows:N0} rows for the memory probe in {watch.Elapsed.TotalSeconds:F1} s");
        }
        foreach (var t in targets)
        {
            foreach (var (kind, rows) in sizes)
            {
                var probe = MemoryProbe.Run(sources[rows], rows, t.Kind, _work, (t as PostgresTarget)?.Database ?? (t as MariaDbTarget)?.Database);
                var m = _report.Get(t.Kind, kind, rows);
                m.Samples.Add(probe.Seconds);
                m.PeakBytes = probe.PeakBytes;
                Say($"memory {t.Label}, {rows:N0} rows: peak {probe.PeakBytes / 1048576.0:F0} MiB (process at start {probe.StartBytes / 1048576.0:F0} MiB), sync {probe.Seconds:F1} s");
            }
        }
    }

    /// <summary>The commit measured, with "+changes" when src/ differs from it (other work in the tree was measured too).</summary>
    private string? Commit()
    {
        try
        {
            string Git(params string[] args)
            {
                var start = new ProcessStartInfo("git") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in args) start.ArgumentList.Add(a);
                using var p = Process.Start(start)!;
                var text = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                return p.ExitCode == 0 ? text : throw new InvalidOperationException(text);
            }
            var head = Git("rev-parse", "--short", "HEAD");
            return Git("status", "--porcelain", "--", "src").Length > 0 ? head + "+changes in src" : head;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void Check(bool ok, string message)
    {
        if (!ok) throw new BenchException("wrong result: " + message);
    }
}
