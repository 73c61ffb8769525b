namespace OfiSync.Core;

/// <summary>What a line with a change column says about how it reads.</summary>
public static partial class Messages
{
    public static string ChangeColumnNotFound(string column, string line) => Text.Format(nameof(ChangeColumnNotFound), column, line);

    public static string ChangeColumnType(string column, string type) => Text.Format(nameof(ChangeColumnType), column, type);

    public static string ChangeReadAllFirst(string line) => Text.Format(nameof(ChangeReadAllFirst), line);

    public static string ChangeReadAllLineChanged(string line) => Text.Format(nameof(ChangeReadAllLineChanged), line);

    public static string ChangeColumnWentBack(string line, string column, string mark, string highest) =>
        Text.Format(nameof(ChangeColumnWentBack), line, column, highest.Length == 0 ? Text.Get("ChangeValueNone") : highest, mark);

    public static string ChangeMarkInFuture(string line, string column, string mark) => Text.Format(nameof(ChangeMarkInFuture), line, column, mark);

    public static string ChangeReadAllRetries(string line, int max) => Text.Format(nameof(ChangeReadAllRetries), line, max);

    public static string ChangeReadAllResidual(string line) => Text.Format(nameof(ChangeReadAllResidual), line);

    public static string ChangeReadWindow(string line, string column, string since, int retries) => Text.Format(nameof(ChangeReadWindow), line, column, since, retries);

    public static string ChangeOverlapNegative(TimeSpan overlap) => Text.Format(nameof(ChangeOverlapNegative), overlap);

    public static string ChangeColumnOnStatistics => Text.Get(nameof(ChangeColumnOnStatistics));
}
