using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OfiSync.Bench;

/// <summary>
/// The same full sync through Invoke-OfiSync: `dotnet pwsh` (the repository's local tool) imports the built module
/// and times `Invoke-OfiSync -Force -Summary | Out-Null` with Measure-Command, and the engine called directly in the
/// same process, so pwsh's start-up, the module import and a warm-up run on a small table are not counted, and the
/// machine's load and the process's JIT state weigh on both sides alike: only the cmdlet layer over the engine differs.
/// </summary>
internal sealed class CmdletPath
{
    private const string Marker = "OFISYNC_BENCH_SECONDS=", EngineMarker = "OFISYNC_BENCH_ENGINE_SECONDS=", RowsMarker = "OFISYNC_BENCH_ROWS_SECONDS=";
    private readonly string _root;
    private readonly string _module;
    private readonly string _script;

    public CmdletPath(string root, string work)
    {
        _root = root;
        var built = Path.Combine(root, "out", "OfiSync");
        if (!File.Exists(Path.Combine(built, "OfiSync.psd1")))
            throw new BenchException($"The module is not built at {built}: run ./build.sh bench (it builds the module in Release first).");
        // A copy of its own: a build started meanwhile (./build.sh test, build) replaces out/OfiSync under a running benchmark.
        var copy = Path.Combine(work, "OfiSync");
        CopyFolder(built, copy);
        _module = Path.Combine(copy, "OfiSync.psd1");
        _script = Path.Combine(work, "cmdlet-run.ps1");
        File.WriteAllText(_script, """
            param([Parameter(Mandatory)] [string] $Module, [Parameter(Mandatory)] [string] $Store, [Parameter(Mandatory)] [string] $EngineStore,
                  [string] $WarmStore, [string] $EngineWarmStore, [string] $RowsStore, [switch] $EngineFirst)
            $ErrorActionPreference = 'Stop'
            $PSStyle.OutputRendering = 'PlainText'
            Import-Module $Module
            # The engine called directly inside this pwsh process (no cmdlet): what Invoke-OfiSync is compared with, in the
            # same process, so that the machine's load and the process's JIT state weigh on both alike. The engine's types
            # live in the module's own load context: reached by reflection.
            Add-Type -TypeDefinition 'public static class OfiSyncBenchDrain { public static long Run(System.Collections.Generic.IAsyncEnumerable<object> s) { long n = 0; var e = s.GetAsyncEnumerator(); while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult()) n++; e.DisposeAsync().AsTask().GetAwaiter().GetResult(); return n; } }'
            $engineAssembly = (Get-SyncLine -Store $EngineStore -Name Clientes).GetType().Assembly
            function Invoke-Engine([string] $StorePath) {
                $t = { param($n) $engineAssembly.GetType("OfiSync.Core.$n", $true) }
                $s = (& $t 'Store.SyncStore')::Open((& $t 'Store.StoreLocation')::Parse($StorePath))
                $engine = [Activator]::CreateInstance((& $t 'Engine.SyncEngine'), @($s, (& $t 'Connections.ConnectionOpener')::WithoutCredentials))
                $options = [Activator]::CreateInstance((& $t 'Engine.SyncOptions'))
                [OfiSyncBenchDrain]::Run($engine.RunAsync($s.GetLine('Clientes'), $options, $null, $null, [Threading.CancellationToken]::None)) | Out-Null
            }
            # A warm-up like the engine path's in its own process (a full and an unchanged run of a small table, each way):
            # the JIT's tiering and first loads are not what is compared.
            if ($EngineWarmStore) { Invoke-Engine $EngineWarmStore; Invoke-Engine $EngineWarmStore }
            if ($WarmStore) { 1..2 | ForEach-Object { Invoke-OfiSync -Line Clientes -Store $WarmStore -Force -Summary | Out-Null } }
            function Measure-Engine {
                $elapsed = Measure-Command { Invoke-Engine $EngineStore }
                'OFISYNC_BENCH_ENGINE_SECONDS=' + $elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)
            }
            # The order alternates from round to round (-EngineFirst), so neither side always runs on the warmer process.
            if ($EngineFirst) { Measure-Engine }
            $elapsed = Measure-Command { Invoke-OfiSync -Line Clientes -Store $Store -Force -Summary | Out-Null }
            'OFISYNC_BENCH_SECONDS=' + $elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)
            if (-not $EngineFirst) { Measure-Engine }
            if ($RowsStore) {
                # Every row's result through the pipeline (what a user sees without -Summary), into Out-Null.
                $elapsed = Measure-Command { Invoke-OfiSync -Line Clientes -Store $RowsStore -Force | Out-Null }
                'OFISYNC_BENCH_ROWS_SECONDS=' + $elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture)
            }
            """, new UTF8Encoding(false));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var dir in Directory.GetDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    /// <summary>
    /// Runs the line of <paramref name="store"/> through Invoke-OfiSync and that of <paramref name="engineStore"/> through
    /// the engine directly, in one fresh pwsh, in the order asked; with <paramref name="rowsStore"/>, Invoke-OfiSync once
    /// more without -Summary. The seconds Measure-Command gave for each.
    /// </summary>
    public (double Cmdlet, double EngineInPwsh, double? Rows) Run(string store, string engineStore, bool engineFirst, string? warmStore,
        string? engineWarmStore, string? rowsStore)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _root, // `dotnet pwsh` resolves through the repository's dotnet-tools.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", _script, "-Module", _module, "-Store", store, "-EngineStore", engineStore })
            start.ArgumentList.Add(a);
        if (engineFirst) start.ArgumentList.Add("-EngineFirst");
        void Add(string name, string? value)
        {
            if (value is null) return;
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value);
        }
        Add("-WarmStore", warmStore);
        Add("-EngineWarmStore", engineWarmStore);
        Add("-RowsStore", rowsStore);
        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("OFISYNC_STORE");
        using var process = Process.Start(start) ?? throw new BenchException("dotnet pwsh did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double? Read(string marker) => output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[marker.Length..], CultureInfo.InvariantCulture) : null;
        var cmdlet = Read(Marker);
        var engine = Read(EngineMarker);
        var rows = Read(RowsMarker);
        if (process.ExitCode != 0 || cmdlet is null || engine is null || (rowsStore is not null && rows is null))
            throw new BenchException($"Invoke-OfiSync in pwsh failed (exit {process.ExitCode}):\n{output}\n{errors.Result}");
        return (cmdlet.Value, engine.Value, rows);
    }
}

/// <summary>An error of the benchmark itself (not a missed target): the run exits non-zero.</summary>
internal sealed class BenchException(string message) : Exception(message);
