@{
    Synopsis    = 'Opens a connection to a source or target database and reports whether it works.'

    Description = @'
Test-SyncConnection opens a connection, asks the server for its version and closes the connection again. It tests either stored connections, by name (see New-SyncConnection), or a provider and a connection string given directly, before anything is stored.

It writes one result per connection: its name (for a connection string given directly, the provider's name), the provider, the connection string with any password replaced by *****, whether the connection succeeded, the server version, the time it took and, on failure, the error message and the full name of the exception type.

A failure is returned as a result, never as an error: a wrong password, an unreachable server, a SQLite file that does not exist, a connection string whose keywords the provider does not take (even one stored by an older module, before New-SyncConnection checked them), or a password that cannot be found (an environment variable that is not set, a secret that cannot be read, a missing -Credential) gives a result whose Succeeded property is $false. Test the Succeeded property in scripts, and use ErrorType to tell a network error from a login error. Neither the result nor its error message ever holds the password.
'@

    Parameters  = @{
        Name             = 'The names of the stored connections to test. Wildcards are allowed. A name without wildcards that matches no connection writes an error; the other names are still tested. Get-SyncConnection output can be piped in.'
        Provider         = 'The kind of database of a connection string given directly: Sqlite, PostgreSql or SqlServer. It chooses the driver that reads the connection string (Microsoft.Data.Sqlite, Npgsql or Microsoft.Data.SqlClient).'
        ConnectionString = @'
A connection string to test directly, without storing it, in the syntax of the provider's driver: for example 'Data Source=erp.db' for SQLite, 'Host=db1;Database=crm;Username=ofisync' for PostgreSQL, or 'Server=sql1;Database=ERP;Integrated Security=true' for SQL Server.

Avoid typing a password into a script or a history file: read it at run time, for example from an environment variable. The password never appears in the output.
'@
        Credential       = 'The user name and password for stored connections created with New-SyncConnection -PromptForCredential. Connections that take their password from an environment variable or a SecretManagement secret read it themselves and ignore -Credential.'
    }

    Inputs      = 'Connection names, or objects with a Name property such as the output of Get-SyncConnection.'

    Outputs     = 'One ConnectionTestResult per connection tested, with the properties Name, Provider, Connection (the connection string with any password replaced by *****), Succeeded, ServerVersion, Elapsed, Error and ErrorType. The default view shows Name, Provider, Succeeded, the time in milliseconds, and the server version or the error.'

    Notes       = @'
Testing a SQLite connection never creates its file: a file that does not exist gives a failed result naming it.

SQL Server connections are encrypted by default (Microsoft.Data.SqlClient). When the server's certificate is not trusted by this machine, the test fails and its error says so: install the certificate's issuing authority on this machine or, on a network you trust only, create the connection with New-SyncConnection -TrustServerCertificate.

When a stored connection takes its password from a SecretManagement secret and Get-Secret is not available, its result fails and says so.

The cmdlet can be stopped with Ctrl+C while it waits for a server.
'@

    Examples    = @(
        @{
            Title   = 'Test every stored connection'
            Code    = 'Get-SyncConnection | Test-SyncConnection'
            Remarks = 'Opens each connection of the store with its credential source and shows one line per connection: whether it succeeded, how long it took, and the server version or the error.'
        }
        @{
            Title   = 'Test a SQLite file before storing a connection to it'
            Code    = "Test-SyncConnection -Provider Sqlite -ConnectionString 'Data Source=/srv/erp/erp.db;Mode=ReadOnly'"
            Remarks = 'Opens the SQLite file read-only and shows the SQLite version, or the error; a path with a typo fails, naming the file, and creates nothing.'
        }
        @{
            Title   = 'Test a connection that asks for its password at run time'
            Code    = "Test-SyncConnection -Name crm -Credential (Get-Credential -UserName ofisync)"
            Remarks = 'The connection crm was created with New-SyncConnection -PromptForCredential: Get-Credential asks for the password, which is used for this test only and never stored.'
        }
        @{
            Title   = 'Stop a script when the ERP cannot be reached'
            Code    = @'
$result = Test-SyncConnection -Name erp
if (-not $result.Succeeded) { throw "ERP unreachable: $($result.Error)" }
'@
            Remarks = 'A failed connection is a result, not an error, so the script tests Succeeded and stops with the reason, which never contains the password.'
        }
        @{
            Title   = 'Test a SQL Server database with Windows integrated authentication'
            Code    = "Test-SyncConnection -Provider SqlServer -ConnectionString 'Server=erp-sql01;Database=ERP;Integrated Security=true;Connect Timeout=5' | Format-List"
            Remarks = 'The connection logs in as the current Windows user, so no password is involved. Format-List shows every property of the result, including ErrorType when it fails.'
        }
    )

    Links       = @('about_OfiSync', 'New-SyncConnection', 'Get-SyncConnection')
}
