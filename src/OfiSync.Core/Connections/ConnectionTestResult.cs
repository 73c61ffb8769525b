namespace OfiSync.Core.Connections;

/// <summary>The outcome of opening one connection: never carries a secret.</summary>
public sealed class ConnectionTestResult
{
    public string Name { get; init; } = "";
    public string Provider { get; init; } = "";
    public string Connection { get; init; } = "";
    public bool Succeeded { get; init; }
    public string? ServerVersion { get; init; }
    public TimeSpan Elapsed { get; init; }
    public string? Error { get; init; }
    /// <summary>The full name of the exception type that failed the test, so scripts can tell network from login errors.</summary>
    public string? ErrorType { get; init; }
}
