using OfiSync.Core.Providers;

namespace OfiSync.Core.Lines;

/// <summary>What happens in the target to a row that disappeared from the source.</summary>
public enum DeletePolicy
{
    /// <summary>Leave the target row alone (the default).</summary>
    Ignore,
    /// <summary>Set a column of the target row, such as estado = 'Inactivo'.</summary>
    Flag,
    /// <summary>Delete the target row.</summary>
    Delete,
}

/// <summary>What a line synchronises: one table's rows, or the sales statistics and pyramid of the customers.</summary>
public enum LineKind
{
    Table,
    SalesStatistics,
}

/// <summary>
/// The synchronisation of one kind of data from the management application (the source) into the CRM (the target).
/// </summary>
public sealed class SyncLine
{
    /// <summary>Stable identity: the sync state follows it when the line is renamed.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;
    public LineKind Kind { get; set; } = LineKind.Table;

    /// <summary>The name of the stored connection the rows are read from.</summary>
    public string Source { get; set; } = "";
    /// <summary>The source table (optionally schema-qualified as schema.table); or null when <see cref="SourceQuery"/> is set.</summary>
    public string? SourceTable { get; set; }
    /// <summary>A SELECT whose rows are the source; the pre-filter wraps it.</summary>
    public string? SourceQuery { get; set; }

    public string Target { get; set; } = "";
    public string TargetTable { get; set; } = "";

    /// <summary>Source columns identifying a row; composite keys allowed.</summary>
    public List<string> Key { get; set; } = new();
    /// <summary>The target columns holding the key, in the order of <see cref="Key"/>.</summary>
    public List<string> TargetKey { get; set; } = new();
    /// <summary>An optional target column whose value (the CRM id) is read back after writing and kept in the state.</summary>
    public string? TargetId { get; set; }

    public List<ColumnMapping> Columns { get; set; } = new();

    /// <summary>The line's pre-filter in Where-Object syntax, applied inside the source database.</summary>
    public string? Filter { get; set; }

    /// <summary>
    /// A source column that moves forward whenever a row changes (a modification time, or an increasing number):
    /// incremental runs then read only the rows at or after the line's high-water mark, less <see cref="ChangeOverlap"/>.
    /// </summary>
    public string? ChangeColumn { get; set; }
    /// <summary>How far before its high-water mark a date change column is read again (late commits, clock skew); 5 minutes when not set.</summary>
    public TimeSpan? ChangeOverlap { get; set; }

    public DeletePolicy DeletePolicy { get; set; } = DeletePolicy.Ignore;
    public string? FlagColumn { get; set; }
    public object? FlagValue { get; set; }

    public int Order { get; set; }
    public List<string> DependsOn { get; set; } = new();
    public int BatchSize { get; set; } = 1000;
    /// <summary>Seconds each database command may take.</summary>
    public int CommandTimeout { get; set; } = 300;

    /// <summary>For a sales statistics line: where the sales come from and how tiers are computed.</summary>
    public Statistics.SalesStatisticsSpec? Statistics { get; set; }

    public DateTime Created { get; set; }
    public DateTime Modified { get; set; }

    public override string ToString() => Name;

    public SyncLine Clone() => LineJson.Deserialize(LineJson.Serialize(this));
}
