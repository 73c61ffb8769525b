using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using MySqlConnector;

namespace OfiSync.Core.Providers.MariaDb;

/// <summary>
/// The keywords and values MySqlConnector takes, asked the way OfiSync's connection checks ask every driver's builder:
/// ContainsKey is whether the driver KNOWS a keyword (as Npgsql's and SqlClient's builders answer it), where
/// MySqlConnector's own builder answers whether the keyword is SET; a value the driver refuses throws on assignment.
/// </summary>
internal sealed class MariaDbConnectionStringBuilder : DbConnectionStringBuilder
{
    public override bool ContainsKey(string keyword)
    {
        try
        {
            _ = new MySqlConnectionStringBuilder()[keyword];
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [AllowNull]
    public override object this[string keyword]
    {
        get => base[keyword];
        set
        {
            new MySqlConnectionStringBuilder()[keyword] = value;
            base[keyword] = value;
        }
    }
}
