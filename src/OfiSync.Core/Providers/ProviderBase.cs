using System.Data.Common;

namespace OfiSync.Core.Providers;

public abstract class ProviderBase : IDatabaseProvider
{
    public abstract ProviderKind Kind { get; }
    public abstract DbConnection CreateConnection(string connectionString);
    public abstract string ServerVersionQuery { get; }
    protected abstract char OpenQuote { get; }
    protected abstract char CloseQuote { get; }

    public string QuoteIdentifier(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        if (identifier.IndexOf('\0') >= 0)
            throw new ArgumentException(Messages.IdentifierHasNul, nameof(identifier));
        var close = CloseQuote.ToString();
        return OpenQuote + identifier.Replace(close, close + close) + CloseQuote;
    }

    public string Redact(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in Connections.SecretScrubber.SecretKeys)
            if (builder.ContainsKey(key)) builder[key] = "*****";
        return builder.ConnectionString;
    }
}
