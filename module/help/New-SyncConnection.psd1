@{
    Synopsis    = 'Adds a named database connection to the store, without any password.'

    Description = @'
New-SyncConnection saves a connection, under a name, in the OfiSync store. Sync lines name their source (the ERP) and target (the CRM) connections by these names.

A stored connection never holds a password: a connection string that contains one is refused. Instead, the connection records where its password comes from when it is used:

- -PasswordVariable: an environment variable of the account that runs OfiSync;
- -PasswordSecret: a secret of the SecretManagement module, read with Get-Secret;
- -PromptForCredential: the -Credential parameter of the cmdlet that uses the connection;
- -IntegratedSecurity: SQL Server Windows integrated authentication, with no password at all.

Give at most one of them. SQLite connections take none. For PostgreSQL, a connection without any of them can still log in through the server's trust or peer authentication or a .pgpass file.

The connection string is checked against the provider's own driver: a keyword that driver does not take is refused, naming it and, where there is one, the provider's spelling (PostgreSQL names the server Host, not Data Source; SQL Server names it Server; MariaDB names the database Database, not DbName). The server is not contacted: run Test-SyncConnection afterwards. A connection whose name already exists is replaced only with -Force.

New-SyncConnection creates the store when it does not exist yet (see -Store): it is how a store is made.
'@

    Parameters  = @{
        Name                   = 'The name of the connection. Sync lines refer to it in -Source and -Target, and the *-SyncConnection cmdlets find it by it.'
        Provider               = 'The kind of database: Sqlite, PostgreSql, SqlServer or MariaDb (MariaDB 10.6 or later; MySql is another name for it).'
        ConnectionString       = "The connection string, in the syntax of the provider's driver, without any password: for example 'Data Source=/srv/erp/erp.db' for SQLite, 'Host=crm01;Database=crm;Username=ofisync' for PostgreSQL, 'Server=erp-sql01;Database=ERP' for SQL Server, or 'Server=crm01;Port=3306;Database=crm;User ID=ofisync' for MariaDB."
        PasswordVariable       = 'The name of an environment variable that holds the password. Only the name is stored; the variable is read each time the connection is used, so it must be set for the account that runs OfiSync, for example in the scheduled task.'
        PasswordSecret         = 'The name of a secret of the SecretManagement module (Microsoft.PowerShell.SecretManagement) that holds the password, as a string or a SecureString, or a PSCredential whose user name is then used too. The secret is read with Get-Secret each time the connection is used; a vault must be registered for the account that runs OfiSync.'
        PromptForCredential    = 'The password is given each time the connection is used, with the -Credential parameter of Test-SyncConnection, New-SyncLine, Set-SyncLine or Test-SyncLine. Suits interactive use; a scheduled job should use -PasswordVariable or -PasswordSecret.'
        UserName               = 'The user name to log in with, used with the password from -PasswordVariable or -PasswordSecret. It is stored: it is not a secret. You can also leave it in the connection string.'
        IntegratedSecurity     = 'SQL Server only: log in with Windows integrated authentication, as the account that runs OfiSync. No password is needed or stored.'
        Encrypt                = "SQL Server only: the encryption of the connection. Mandatory (the default of Microsoft.Data.SqlClient) encrypts and validates the server's certificate; Optional encrypts only when the server requires it; Strict uses TDS 8 and always validates the certificate."
        TrustServerCertificate = "SQL Server only: accept the server's TLS certificate without validating it. Use it only on a network you trust; installing the certificate's issuing authority on this machine is the better fix for an untrusted certificate."
        Description            = 'A free text about the connection, kept in the store.'
        Force                  = 'Replace a connection of the same name. Lines that use that name then use the new definition.'
    }

    Inputs      = 'Objects with properties named like the parameters (Name, Provider, ConnectionString, PasswordVariable, PasswordSecret, UserName, Description), such as the rows of a CSV file.'

    Outputs     = 'The SyncConnection that was saved: Name, Provider, ConnectionString, CredentialSource (None, Environment, Secret or Prompt), CredentialName (the variable or secret name), UserName, Description, Created and Modified. Nothing is written with -WhatIf or when the connection is refused.'

    Notes       = @'
A connection string that contains a password (Password, Pwd or Passwd) is refused with an error that never repeats it.

OfiSync never creates a SQLite database by opening it: a connection to a file that does not exist fails, naming the file. A connection string that says Mode=ReadWriteCreate creates its file when it is opened, for a database made on purpose (such as Invoke-SyncQuery building a new one).
'@

    Examples    = @(
        @{
            Title   = 'A SQLite ERP database'
            Code    = "New-SyncConnection -Name erp -Provider Sqlite -ConnectionString 'Data Source=/srv/erp/erp.db'"
            Remarks = 'SQLite needs no credential. The file is not opened until the connection is used; it must exist then, or the line fails naming it.'
        }
        @{
            Title   = 'A PostgreSQL CRM whose password is in an environment variable'
            Code    = @'
New-SyncConnection -Name crm -Provider PostgreSql -ConnectionString 'Host=crm01;Database=crm' -UserName ofisync -PasswordVariable CRM_PASSWORD
$env:CRM_PASSWORD = Read-Host -Prompt 'CRM password' -MaskInput
Test-SyncConnection -Name crm
'@
            Remarks = 'The store keeps the name CRM_PASSWORD, never the password. The variable is read each time the connection is used; here it is set for this session only, and the connection is then tested.'
        }
        @{
            Title   = 'A MariaDB CRM, and a store in a MariaDB database'
            Code    = @'
$env:OFISYNC_STORE = 'MariaDb:Server=db1;Database=ofisync;User ID=ofisync'
$env:OFISYNC_STORE_PASSWORD = (Get-Secret OfiSyncStore -AsPlainText)
New-SyncConnection -Name crm -Provider MariaDb -ConnectionString 'Server=crm01;Port=3306;Database=crm;User ID=ofisync' -PasswordSecret CrmMariaDb
'@
            Remarks = 'The store is a MariaDB database shared by the machines that run the lines (its password from OFISYNC_STORE_PASSWORD), and the connection crm reads its password from the SecretManagement secret CrmMariaDb. OfiSync writes into MariaDB with multi-row INSERT ... ON DUPLICATE KEY UPDATE; add AllowLoadLocalInfile=true to the connection string to have it load batches with LOAD DATA LOCAL instead.'
        }
        @{
            Title   = 'A SQL Server ERP with Windows integrated authentication'
            Code    = "New-SyncConnection -Name erp -Provider SqlServer -ConnectionString 'Server=erp-sql01;Database=ERP' -IntegratedSecurity -Force"
            Remarks = 'Logs in as the Windows account that runs OfiSync. -Force replaces an existing connection named erp.'
        }
        @{
            Title   = 'A SQL Server CRM whose credential is a SecretManagement secret'
            Code    = @'
Set-Secret -Name CrmSql -Secret (Get-Credential -UserName ofisync)
New-SyncConnection -Name crm -Provider SqlServer -ConnectionString 'Server=crm-sql.example.local;Database=CRM' -PasswordSecret CrmSql
'@
            Remarks = 'The PSCredential is kept in the SecretManagement vault; the connection stores only the secret name CrmSql and reads it with Get-Secret when it is used. The connection is encrypted and the certificate validated, as SqlClient does by default.'
        }
    )

    Links       = @('about_OfiSync', 'Test-SyncConnection', 'Get-SyncConnection', 'Remove-SyncConnection', 'New-SyncLine')
}
