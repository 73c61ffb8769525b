@{
    Synopsis    = 'Gets the connections stored in the OfiSync store.'

    Description = 'Get-SyncConnection lists the named connections that sync lines read from and write to, with their provider, their connection string (which never holds a password) and where their password comes from. Without -Name, it lists every connection.'

    Parameters  = @{
        Name = 'The names of the connections to get. Wildcards are allowed; the default, *, gets every connection. A name without wildcards that matches no connection writes an error.'
    }

    Inputs      = 'Connection names, or objects with a Name property.'

    Outputs     = 'One SyncConnection per connection found: Name, Provider, ConnectionString, CredentialSource (None, Environment, Secret or Prompt), CredentialName, UserName, Description, Created and Modified. The default view shows Name, Provider, the credential source and the connection string.'

    Examples    = @(
        @{
            Title   = 'List every connection'
            Code    = 'Get-SyncConnection'
            Remarks = 'Shows the connections of the default store.'
        }
        @{
            Title   = 'Show one connection in full'
            Code    = 'Get-SyncConnection -Name crm | Format-List'
            Remarks = 'Shows every property of the connection crm, including when it was created and last changed.'
        }
        @{
            Title   = 'List the connections of another store'
            Code    = "Get-SyncConnection -Name 'erp*' -Store /srv/ofisync/store.db"
            Remarks = 'Lists the connections whose names start with erp in the SQLite store /srv/ofisync/store.db.'
        }
    )

    Links       = @('about_OfiSync', 'New-SyncConnection', 'Test-SyncConnection', 'Remove-SyncConnection')
}
