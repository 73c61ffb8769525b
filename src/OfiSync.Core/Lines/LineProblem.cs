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
    public string Code { get; init; } = "";

    public override string ToString() => Column is null ? $"{Side}: {Problem}" : $"{Side} column '{Column}': {Problem}";
}
