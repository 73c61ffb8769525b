namespace OfiSync.Core.Lines;

public enum LineSide
{
    Line,
    Source,
    Target,
}

public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>One thing wrong with a sync line: which line, which side, which column, and what.</summary>
public sealed class LineProblem
{
    public string Line { get; init; } = "";
    public LineSide Side { get; init; }
    public string? Column { get; init; }
    public ProblemSeverity Severity { get; init; } = ProblemSeverity.Error;
    public string Problem { get; init; } = "";
    /// <summary>A stable identifier for scripts, such as ColumnNotFound or TypeMismatch.</summary>
    public ProblemCode Code { get; init; }

    public override string ToString() => Column is null ? $"{Side}: {Problem}" : $"{Side} column '{Column}': {Problem}";
}

/// <summary>What is wrong with a sync line, as scripts test it (Test-SyncLine's Code, New-SyncLine's ErrorId SyncLine&lt;Code&gt;).</summary>
public enum ProblemCode
{
    BatchSizeInvalid,
    ColumnMappedTwice,
    ColumnNotFound,
    ConnectionFailed,
    ConnectionNotFound,
    CustomerLineNotFound,
    DeletePolicyNotSupported,
    DependencyCycle,
    DependencyNotFound,
    DependsOnItself,
    FilterInvalid,
    FiscalMonthInvalid,
    FlagColumnMissing,
    KeyMismatch,
    KeyMissing,
    KeyNotMapped,
    MappingIncomplete,
    MayLosePrecision,
    MayTruncate,
    NameInvalid,
    NameMissing,
    NullIntoNotNull,
    QueryInvalid,
    SourceMissing,
    StatisticsColumnUnknown,
    StatisticsIncomplete,
    StatisticsSourceMissing,
    TableNotFound,
    TableUnreadable,
    TargetIdNotRecorded,
    TargetMissing,
    TierNamesInvalid,
    TimeoutInvalid,
    TypeMismatch,
    ChangeColumnInvalid,
}
