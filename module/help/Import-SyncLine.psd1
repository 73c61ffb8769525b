@{
    Synopsis    = 'Reads a file written by Export-SyncLine into the store: its connections, then its lines.'

    Description = @'
Import-SyncLine reads a JSON document written by Export-SyncLine and saves its connections and then its lines in the store. Like New-SyncConnection, it creates the store when it does not exist yet.

Each connection is checked as New-SyncConnection checks it: a connection string that holds a password, or a keyword its provider's driver does not take, is refused, and the lines that use it are not imported.

A connection that already exists with the same definition is kept as it is. One that exists with a different definition is replaced only with -Force; otherwise an error is written and the lines that use it are not imported.

A line whose name already exists is replaced only with -Force; a replaced line keeps its identity in this store, so its sync state and run history stay with it. Each line's definition is checked (connections, key, map, dependencies) without connecting to the databases; a line with errors is not imported. Run Test-SyncLine afterwards to check tables and columns.

Passwords are never in the file: set the environment variables, SecretManagement secrets or credentials that the imported connections name, on the machine that runs them.
'@

    Parameters  = @{
        Path     = 'The JSON file to read. Wildcards are not expanded. Files from Get-ChildItem can be piped in (their FullName binds to -Path).'
        Force    = 'Replaces lines and connections that already exist with the same name.'
        PassThru = 'Writes each imported line to the pipeline. By default nothing is written.'
    }

    Inputs      = 'File paths, or objects with a Path, FullName or LiteralPath property, such as the output of Get-ChildItem.'

    Outputs     = 'With -PassThru, each imported SyncLine. Otherwise nothing.'

    Examples    = @(
        @{
            Title   = 'Import lines into the default store'
            Code    = 'Import-SyncLine -Path ./ofisync-lines.json'
            Remarks = 'Adds the connections and lines of the file; those whose names exist already are reported as errors and left alone.'
        }
        @{
            Title   = 'Replace the lines with the version under version control'
            Code    = @'
Import-SyncLine -Path ./ofisync-lines.json -Force -PassThru
Test-SyncLine
'@
            Remarks = 'Replaces existing lines and connections of the same names, keeping the sync state of the lines, shows what was imported, then checks every line against its databases.'
        }
        @{
            Title   = 'See what an import would do'
            Code    = 'Get-ChildItem ./lines/*.json | Import-SyncLine -Force -WhatIf'
            Remarks = 'Shows which connections and lines each file would add or replace, and changes nothing.'
        }
    )

    Links       = @('about_OfiSync', 'Export-SyncLine', 'Test-SyncLine', 'New-SyncConnection')
}
