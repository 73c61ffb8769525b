using System.Collections;
using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Providers;
using OfiSync.Core.Queries;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Runs SQL of your own against a stored connection (or a provider and connection string), to look at the source
/// or the target while you design lines. Rows come out as objects; values are passed with -Parameters.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "SyncQuery", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = StoredSet)]
[OutputType(typeof(PSObject))]
public sealed class InvokeSyncQueryCommand : OfiSyncCmdlet
{
    private const string StoredSet = "Stored";
    private const string DirectSet = "ConnectionString";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = StoredSet)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(ConnectionNameCompleter))]
    public string Connection { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = DirectSet)]
    [ValidateProvider]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string Provider { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = DirectSet)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public string Query { get; set; } = "";

    /// <summary>Values for the @names in the query.</summary>
    [Parameter]
    public IDictionary? Parameters { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int CommandTimeout { get; set; } = 300;

    [Parameter(ParameterSetName = StoredSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRecord()
    {
        SyncConnection connection;
        ConnectionOpener opener;
        if (ParameterSetName == DirectSet)
        {
            var provider = DatabaseProviders.Get(Provider);
            connection = new SyncConnection { Name = provider.Name, Provider = provider.Name, ConnectionString = ConnectionString };
            opener = ConnectionOpener.WithoutCredentials;
        }
        else
        {
            var stored = OpenStore().GetConnection(Connection);
            if (stored is null)
            {
                WriteError(Errors.NotFound(ErrorIds.ConnectionNotFound, Connection, Core.Messages.ConnectionNotFound(Connection)));
                return;
            }
            connection = stored;
            try { opener = CredentialResolver.BuildOpener(this, new[] { connection }, Credential); }
            catch (SyncConnectionException ex) { WriteError(Errors.FromConnection(ex, Connection)); return; }
        }
        if (!ShouldProcess(connection.Name, Core.Messages.ActionRunQuery(Query))) return;
        var parameters = Parameters?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString()!, e => MapParser.Unwrap(e.Value));
        try
        {
            using var db = Wait(opener.OpenAsync(connection, Cancel));
            var rows = AdHocQuery.ExecuteAsync(db, Query, parameters, CommandTimeout, Cancel).GetAsyncEnumerator(Cancel);
            try
            {
                while (Wait(rows.MoveNextAsync().AsTask()))
                {
                    var row = new PSObject();
                    for (var i = 0; i < rows.Current.Columns.Count; i++)
                    {
                        // Two columns of the same name (a join) both stay visible: the second gets its position as suffix.
                        var name = rows.Current.Columns[i];
                        if (row.Properties[name] is not null) name += "_" + (i + 1);
                        row.Properties.Add(new PSNoteProperty(name, rows.Current.Values[i]));
                    }
                    WriteObject(row);
                }
            }
            finally
            {
                rows.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (SyncConnectionException ex)
        {
            WriteError(Errors.FromConnection(ex, connection.Name));
        }
        catch (System.Data.Common.DbException ex)
        {
            WriteError(Errors.Create(ErrorIds.QueryFailed, ErrorCategory.InvalidOperation, Query, SecretScrubber.Scrub(ex.Message, connection.ConnectionString), ex));
        }
    }
}
