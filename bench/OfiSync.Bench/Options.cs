using System.Globalization;

namespace OfiSync.Bench;

/// <summary>The command line. See bench/README.md.</summary>
internal sealed class Options
{
    public int Rows { get; private set; } = 200_000;
    public int Rounds { get; private set; } = 3;
    public List<string> Targets { get; private set; } = new() { "sqlite", "postgres", "mariadb", "mariadb-load" };
    public bool Memory { get; private set; } = true;
    public bool Cmdlet { get; private set; } = true;
    /// <summary>Rows of the change-column measurement's table (its own, with fecha_modif DATETIME and indexed).</summary>
    public int ChangeRows { get; private set; } = 1_000_000;
    public bool Change { get; private set; } = true;
    /// <summary>The store's size after a full sync and 30 incremental runs, against the target table's.</summary>
    public bool StoreSize { get; private set; } = true;
    /// <summary>Also time Invoke-OfiSync without -Summary (every row's result through the pipeline) in the same pwsh process.</summary>
    public bool CmdletDetail { get; private set; }
    /// <summary>The two sizes of the memory probe; by default rows / 2 and rows * 5 (100,000 and 1,000,000 at the default size).</summary>
    public long[]? MemoryRows { get; private set; }
    public string? Out { get; private set; }
    public bool Keep { get; private set; }
    /// <summary>The line's BatchSize; null keeps the engine's default (what users get).</summary>
    public int? BatchSize { get; private set; }
    /// <summary>Instead of the benchmark: where the time of an OfiSync run goes, phase by phase (see Phases).</summary>
    public bool Phases { get; private set; }
    /// <summary>Instead of the benchmark: eight independent lines, -ThrottleLimit 1 against 4 (see ParallelLines).</summary>
    public bool Parallel { get; private set; }
    private bool _rowsGiven;
    /// <summary>Rows per line of --parallel: 100,000 unless --rows says otherwise.</summary>
    public int ParallelRows => _rowsGiven ? Rows : 100_000;

    // The hidden child mode: --memory-probe --source <file> --rows <n> --target sqlite|postgres|mariadb|mariadb-load --work <folder>
    // [--pg-database <name>] (the server database of a PostgreSQL or MariaDB target)
    public bool Probe { get; private set; }
    public string? ProbeSource { get; private set; }
    public long ProbeRows { get; private set; }
    public string ProbeTarget { get; private set; } = "sqlite";
    public string Work { get; private set; } = "";
    public string? PgDatabase { get; private set; }

    public long SmallMemoryRows => MemoryRows?[0] ?? Math.Max(1_000, Rows / 2);
    public long LargeMemoryRows => MemoryRows?[1] ?? Math.Max(10_000, (long)Rows * 5);

    public const string Usage = """
        usage: ./build.sh bench [--rows N] [--rounds N] [--targets sqlite,postgres,mariadb,mariadb-load] [--memory-rows SMALL,LARGE]
                                [--no-memory] [--no-cmdlet] [--out FOLDER] [--keep] [--batch-size N]
                                [--cmdlet-detail] [--change-rows N] [--no-change] [--no-store-size]
               ./build.sh bench --phases [--rows N] [--targets ...]
               ./build.sh bench --parallel [--rows N] [--rounds N] [--targets ...]
          --rows N           rows of the generated customer table (default 200000)
          --rounds N         rounds of the alternating measurements, at least 3 (default 3)
          --targets LIST     any of sqlite, postgres, mariadb (INSERT ... ON DUPLICATE KEY UPDATE) and mariadb-load (LOAD DATA);
                             default all; postgres needs OFISYNC_TEST_POSTGRES, mariadb OFISYNC_TEST_MARIADB, which ./build.sh sets
          --memory-rows A,B  the two sizes of the peak-memory probe (default rows/2 and rows*5: 100000 and 1000000)
          --no-memory        skip the peak-memory probe
          --no-cmdlet        skip the Invoke-OfiSync measurement
          --cmdlet-detail    also time Invoke-OfiSync without -Summary (every row's result to Out-Null) in the same pwsh
          --change-rows N    rows of the change-column measurement's table (default 1000000)
          --no-change        skip the change-column measurement (change column / hash scan, 1 % changed)
          --no-store-size    skip the store's size after a full sync and 30 incremental runs
          --out FOLDER       where results.json and results.md go (default out/bench)
          --keep             keep the generated databases (out/bench/work)
          --batch-size N     the line's BatchSize (default: the engine's default, what users get)
          --phases           instead of the benchmark: the time of a full, an incremental and an unchanged run, phase by phase
          --parallel         instead of the benchmark: eight independent lines of N rows (--rows, default 100000 here),
                             -ThrottleLimit 1 against 4, full syncs into empty tables
        """;

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new BenchException($"{args[i]} needs a value\n{Usage}");
            long Number(string text) => long.TryParse(text.Replace("_", "").Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new BenchException($"'{text}' is not a positive number\n{Usage}");
            switch (args[i])
            {
                case "--rows": o.Rows = checked((int)Number(Next())); o._rowsGiven = true; break;
                case "--rounds": o.Rounds = checked((int)Number(Next())); break;
                case "--targets":
                    o.Targets = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).ToList();
                    if (o.Targets.Count == 0 || o.Targets.Any(t => t is not ("sqlite" or "postgres" or "mariadb" or "mariadb-load")))
                        throw new BenchException($"--targets takes sqlite, postgres, mariadb or mariadb-load\n{Usage}");
                    break;
                case "--memory-rows":
                    var sizes = Next().Split(',', StringSplitOptions.TrimEntries);
                    if (sizes.Length != 2) throw new BenchException($"--memory-rows takes two sizes: SMALL,LARGE\n{Usage}");
                    o.MemoryRows = new[] { Number(sizes[0]), Number(sizes[1]) };
                    break;
                case "--no-memory": o.Memory = false; break;
                case "--no-cmdlet": o.Cmdlet = false; break;
                case "--cmdlet-detail": o.CmdletDetail = true; break;
                case "--change-rows": o.ChangeRows = checked((int)Number(Next())); break;
                case "--no-change": o.Change = false; break;
                case "--no-store-size": o.StoreSize = false; break;
                case "--out": o.Out = Next(); break;
                case "--keep": o.Keep = true; break;
                case "--batch-size": o.BatchSize = checked((int)Number(Next())); break;
                case "--phases": o.Phases = true; break;
                case "--parallel": o.Parallel = true; break;
                case "--memory-probe": o.Probe = true; break;
                case "--source": o.ProbeSource = Next(); break;
                case "--target": o.ProbeTarget = Next(); break;
                case "--work": o.Work = Next(); break;
                case "--pg-database": o.PgDatabase = Next(); break;
                case "-h" or "--help" or "-?": throw new HelpException();
                default: throw new BenchException($"unknown argument '{args[i]}'\n{Usage}");
            }
        }
        if (o.Probe)
        {
            o.ProbeRows = o.Rows;
            return o;
        }
        if (o.Rounds < 3) throw new BenchException("--rounds must be at least 3: each measurement reports a median of at least three rounds");
        if (o.ChangeRows < 10_000) throw new BenchException("--change-rows must be at least 10000 (the window of 1 % is checked against a tenth of the table)");
        if (o.Rows < 1_000) throw new BenchException("--rows must be at least 1000 (1 % of the rows is changed for the incremental run)");
        return o;
    }
}

internal sealed class HelpException : Exception;
