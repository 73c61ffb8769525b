namespace OfiSync.Core.Providers;

/// <summary>The databases OfiSync reads from and writes to.</summary>
public enum ProviderKind
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
