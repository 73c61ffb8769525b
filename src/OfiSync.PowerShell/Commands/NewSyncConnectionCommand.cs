using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Providers;
using OfiSync.Core.Store;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>Adds a named connection to the store. It never holds a password: only where to find one at run time.</summary>
[Cmdlet(VerbsCommon.New, "SyncConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SyncConnection))]
public sealed class NewSyncConnectionCommand : OfiSyncCmdlet
{
    /// <summary>Creates the store when there is none yet.</summary>
    protected override StoreUse Use => StoreUse.Create;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateProvider]
    [ArgumentCompleter(typeof(ProviderNameCompleter))]
    public string Provider { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ConnectionString { get; set; } = "";

    /// <summary>The environment variable that holds the password when the line runs.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? PasswordVariable { get; set; }

    /// <summary>The SecretManagement secret (a password or a PSCredential) read with Get-Secret when the line runs.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? PasswordSecret { get; set; }

    /// <summary>The password is given with -Credential each time the connection is used.</summary>
    [Parameter]
    public SwitchParameter PromptForCredential { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? UserName { get; set; }

    /// <summary>SQL Server: Windows integrated authentication.</summary>
    [Parameter]
    public SwitchParameter IntegratedSecurity { get; set; }

    /// <summary>SQL Server: Mandatory (the default of SqlClient), Optional or Strict.</summary>
    [Parameter]
    [ValidateSet("Mandatory", "Optional", "Strict")]
    public string? Encrypt { get; set; }

    /// <summary>SQL Server: accept the server's certificate without validating it. Only on a network you trust.</summary>
    [Parameter]
    public SwitchParameter TrustServerCertificate { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>Replace a connection of the same name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        if (Build() is not { } connection) return;
        // Asked before the store is opened, so -WhatIf creates no store.
        if (!ShouldProcess(Core.Messages.ConnectionTarget(connection.Name, ResolveStore().ToString()), Core.Messages.ActionNewConnection)) return;
        var store = OpenStore();
        try
        {
            store.SaveConnection(connection, Force);
            WriteObject(connection);
        }
        catch (StoreException ex)
        {
            WriteError(Errors.FromStore(ex, Name));
        }
    }

    private SyncConnection? Build()
    {
        var (connection, problem) = ConnectionDefinition.Build(new ConnectionRequest(Name, Provider, ConnectionString)
        {
            PasswordVariable = PasswordVariable, PasswordSecret = PasswordSecret, PromptForCredential = PromptForCredential, UserName = UserName,
            Description = Description, Options = new ConnectionOptions(IntegratedSecurity, Encrypt, TrustServerCertificate),
        });
        if (problem is not null) WriteError(Errors.InvalidArgument(problem.Code.ToString(), Name, problem.Message));
        return connection;
    }
}
