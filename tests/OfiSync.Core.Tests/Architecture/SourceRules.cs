using System.Text.RegularExpressions;
using Xunit;

namespace OfiSync.Core.Tests.Architecture;

/// <summary>
/// Rules about the source itself, checked on the files of src/: the database seam (everything database-specific in
/// its provider's folder) and small files.
/// </summary>
public sealed partial class SourceRules
{
    private static readonly string Root = FindRoot();

    internal static string RepositoryRoot => Root;

    internal static IEnumerable<string> SourceFilesOf(string folder) => SourceFiles(folder);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OfiSync.PowerShell.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (OfiSync.PowerShell.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The code of a file without its comments, where a driver may be named in prose.</summary>
    private static string Code(string file) => LineComment().Replace(File.ReadAllText(file), "");

    [Fact]
    public void No_file_of_the_engine_outside_a_provider_folder_names_a_driver_type_or_a_database_kind()
    {
        var providers = Path.Combine(Root, "src", "OfiSync.Core", "Providers") + Path.DirectorySeparatorChar;
        var offenders = SourceFiles(Path.Combine("src", "OfiSync.Core"))
            // A provider's own folder (Providers/<Database>/) may name its driver; the files directly in Providers/ may not.
            .Where(f => !(f.StartsWith(providers, StringComparison.Ordinal) && f[providers.Length..].Contains(Path.DirectorySeparatorChar)))
            .SelectMany(f => DriverOrKind().Matches(Code(f)).Select(m => $"{Path.GetRelativePath(Root, f)}: {m.Value}"))
            .ToList();
        Assert.True(offenders.Count == 0, "Database-specific names outside Providers/<Database>/:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_itself_finds_a_driver_type_and_a_database_kind()
    {
        Assert.Matches(DriverOrKind(), "var c = new SqliteConnection(cs);");
        Assert.Matches(DriverOrKind(), "catch (PostgresException ex)");
        Assert.Matches(DriverOrKind(), "using Microsoft.Data.SqlClient;");
        Assert.Matches(DriverOrKind(), "if (kind == ProviderKind.Sqlite)");
        Assert.Matches(DriverOrKind(), "new MySqlBulkCopy(connection)");
        Assert.DoesNotMatch(DriverOrKind(), "var provider = DatabaseProviders.Get(connection.Provider);");
    }

    [Fact]
    public void No_file_in_src_is_longer_than_300_lines()
    {
        var longer = SourceFiles("src").Select(f => (File: Path.GetRelativePath(Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 300).Select(f => $"{f.File}: {f.Lines} lines").ToList();
        Assert.True(longer.Count == 0, "Files longer than 300 lines:\n" + string.Join("\n", longer));
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\bProviderKind\b|\bMicrosoft\.Data\.(Sqlite|SqlClient)\b|\bNpgsql\w*|\bMySqlConnector\b|\bSQLitePCL\b|\bSqlite(Connection|Command|Exception|DataReader|Transaction|Parameter|ConnectionStringBuilder|OpenMode)\b|\bSql(Connection|Command|Exception|Error|BulkCopy|Transaction|ConnectionStringBuilder|DataReader|Parameter)\b|\bPostgresException\b|\bMySql(Connection|Command|Exception|BulkCopy|Transaction|ConnectionStringBuilder|DataReader|Parameter)\b")]
    private static partial Regex DriverOrKind();
}
