namespace OfiSync.Core;

public static partial class Messages
{
    public static string PasswordVariableMissing(string connection, string variable) => Text.Format(nameof(PasswordVariableMissing), connection, variable);
    public static string SecretNotResolved(string connection, string secret) => Text.Format(nameof(SecretNotResolved), connection, secret);
    public static string CredentialRequired(string connection) => Text.Format(nameof(CredentialRequired), connection);
    public static string ConnectionStringInvalid(string connection, string reason) => Text.Format(nameof(ConnectionStringInvalid), connection, reason);
    public static string ConnectionFailed(string connection, string reason) => Text.Format(nameof(ConnectionFailed), connection, reason);
    public static string CertificateNotTrusted(string connection, string reason) => Text.Format(nameof(CertificateNotTrusted), connection, reason);
    public static string PasswordInConnectionString => Text.Get(nameof(PasswordInConnectionString));
    public static string CredentialNotTaken(string provider) => Text.Format(nameof(CredentialNotTaken), provider);
}

public static partial class Messages
{
    public static string SecretManagementMissing(string connection, string secret) => Text.Format(nameof(SecretManagementMissing), connection, secret);
    public static string CredentialOptionsExclusive => Text.Get(nameof(CredentialOptionsExclusive));
    public static string OptionNotTaken(string option, string provider) => Text.Format(nameof(OptionNotTaken), option, provider);
    public static string ProviderUnknown(string? provider, IEnumerable<string> known) =>
        Text.Format(nameof(ProviderUnknown), provider, string.Join(", ", known));
}

public static partial class Messages
{
    public static string ActionRunQuery(string query) => Text.Format(nameof(ActionRunQuery), query.Length > 80 ? query[..80] + "..." : query);
}

public static partial class Messages
{
    public static string SqliteFileMissing(string connection, string file) => Text.Format(nameof(SqliteFileMissing), connection, file);
    public static string SqliteCannotOpen(string connection, string file, string reason) => Text.Format(nameof(SqliteCannotOpen), file, connection, reason);
    public static string ConnectionStringSyntax => Text.Get(nameof(ConnectionStringSyntax));
    public static string ConnectionKeywordUnknown(string provider, string keyword, string? instead, string keywords) => instead is not null
        ? Text.Format(nameof(ConnectionKeywordUnknown), keyword, provider, instead)
        : Text.Format("ConnectionKeywordMisspelt", keyword, provider, keywords);
    public static string ConnectionValueInvalid(string keyword, string reason) => Text.Format(nameof(ConnectionValueInvalid), keyword, reason);
    public static string ConnectionStringNotValid(string provider, string reason) => Text.Format(nameof(ConnectionStringNotValid), provider, reason);
}

public static partial class Messages
{
    /// <summary>A keyword to write instead of a misspelt one, its value shown as a translated placeholder: "Host=&lt;server name or address&gt;".</summary>
    public static string KeywordSuggestion(string instead) =>
        instead == "<MariaDbSsl>" ? Text.Get("KeywordValueMariaDbSsl") : Placeholder().Replace(instead, m => "<" + Text.Get("KeywordValue" + m.Groups[1].Value) + ">");

    [System.Text.RegularExpressions.GeneratedRegex("<(Server|Database|User|Seconds|File|Port)>")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
