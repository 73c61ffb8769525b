namespace OfiSync.Core;

public static partial class Messages
{
    public static string PasswordVariableMissing(string connection, string variable) =>
        $"The connection '{connection}' takes its password from the environment variable '{variable}', which is not set. Set it for the account that runs OfiSync.";
    public static string SecretNotResolved(string connection, string secret) =>
        $"The connection '{connection}' takes its password from the SecretManagement secret '{secret}', which could not be read. Check Get-Secret -Name '{secret}' works for this account.";
    public static string CredentialRequired(string connection) =>
        $"The connection '{connection}' needs a credential at run time: pass -Credential.";
    public static string ConnectionStringInvalid(string connection, string reason) =>
        $"The connection string of '{connection}' is not valid: {reason}";
    public static string ConnectionFailed(string connection, string reason) =>
        $"Cannot connect to '{connection}': {reason}";
    public static string CertificateNotTrusted(string connection, string reason) =>
        $"Cannot connect to '{connection}': the server's TLS certificate is not trusted by this machine ({reason}). Install the certificate's issuing authority on this machine, or, on a network you trust, recreate the connection with -TrustServerCertificate.";
    public const string PasswordInConnectionString =
        "The connection string contains a password. OfiSync never stores passwords: remove it and use -PasswordVariable (an environment variable), -PasswordSecret (a SecretManagement secret), -PromptForCredential (-Credential at run time) or -IntegratedSecurity.";
    public static string CredentialNotTaken(string provider) => $"A {provider} connection takes no credential: give none of -PasswordVariable, -PasswordSecret, -PromptForCredential and -IntegratedSecurity.";
}

public static partial class Messages
{
    public static string SecretManagementMissing(string connection, string secret) =>
        $"The connection '{connection}' takes its password from the secret '{secret}', but Get-Secret is not available. Install and register a vault with Microsoft.PowerShell.SecretManagement, or recreate the connection with -PasswordVariable.";
    public static string CredentialOptionsExclusive =>
        "Give at most one of -PasswordVariable, -PasswordSecret, -PromptForCredential and -IntegratedSecurity.";
    public static string OptionNotTaken(string option, string provider) => $"-{option} applies to SQL Server connections only, not to a {provider} connection.";
    public static string ProviderUnknown(string? provider, IEnumerable<string> known) =>
        $"'{provider}' is not a database OfiSync knows. Give one of: {string.Join(", ", known)}.";
}

public static partial class Messages
{
    public static string ActionRunQuery(string query) => $"Run: {(query.Length > 80 ? query[..80] + "..." : query)}";
}

public static partial class Messages
{
    public static string SqliteFileMissing(string connection, string file) =>
        $"The SQLite database of the connection '{connection}' does not exist: '{file}'. Check the path (OfiSync never creates a database by opening it); to create a new database on purpose, add Mode=ReadWriteCreate to the connection string.";
    public static string SqliteCannotOpen(string connection, string file, string reason) =>
        $"Cannot open the SQLite database '{file}' of the connection '{connection}': {reason} Check that the file is a SQLite database and that this account may read it (and write it, for a target).";
    public const string ConnectionStringSyntax =
        "it cannot be read as keyword=value pairs separated by semicolons (quote a value that holds ';' or '=').";
    public static string ConnectionKeywordUnknown(string provider, string keyword, string? instead, string keywords) => instead is not null
        ? $"the keyword '{keyword}' is not one {provider} connections take: write {instead} instead."
        : $"the keyword '{keyword}' is not one {provider} connections take: check its spelling ({provider} takes keywords such as {keywords}).";
    public static string ConnectionValueInvalid(string keyword, string reason) => $"the value of '{keyword}' is not valid: {reason}";
    public static string ConnectionStringNotValid(string provider, string reason) =>
        $"The connection string is not valid for a {provider} connection: {reason} Nothing was saved.";
}
