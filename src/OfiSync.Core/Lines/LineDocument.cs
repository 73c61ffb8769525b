using System.Text.Json;
using OfiSync.Core.Connections;

namespace OfiSync.Core.Lines;

/// <summary>The file Export-SyncLine writes and Import-SyncLine reads: lines with the connections they use, no secret.</summary>
public sealed class LineDocument
{
    public const string FormatName = "OfiSync.SyncLines";
    public const int CurrentVersion = 1;

    /// <summary>Empty until written, so a JSON file without it is not taken for an export.</summary>
    public string Format { get; set; } = "";
    public int Version { get; set; } = CurrentVersion;
    public List<SyncConnection> Connections { get; set; } = new();
    public List<SyncLine> Lines { get; set; } = new();

    public string ToJson()
    {
        Format = FormatName;
        Version = CurrentVersion;
        return LineJson.Serialize(this);
    }

    /// <summary>Reads a document; a file that is not one gives a message saying so.</summary>
    public static LineDocument FromJson(string json)
    {
        LineDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<LineDocument>(json, LineJson.Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException(Messages.NotALineDocument(ex.Message), ex);
        }
        if (document is null || document.Format != FormatName) throw new FormatException(Messages.NotALineDocument(Messages.FormatMissing));
        if (document.Version > CurrentVersion) throw new FormatException(Messages.LineDocumentTooNew(document.Version, CurrentVersion));
        return document;
    }

    /// <summary>Whether two connections are the same definition, dates aside.</summary>
    public static bool SameDefinition(SyncConnection a, SyncConnection b)
    {
        static string Key(SyncConnection c) => LineJson.Serialize(new SyncConnection
        {
            Name = c.Name, Provider = c.Provider, ConnectionString = c.ConnectionString, CredentialSource = c.CredentialSource,
            CredentialName = c.CredentialName, UserName = c.UserName, Description = c.Description,
        });
        return Key(a) == Key(b);
    }
}
