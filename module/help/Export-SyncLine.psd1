@{
    Synopsis    = 'Writes sync lines, with the connections they use, as JSON that Import-SyncLine reads back.'

    Description = @'
Export-SyncLine writes the definitions of sync lines, and of the connections they read from and write to, as one JSON document: configuration you can keep in version control, review, or copy to another store or machine with Import-SyncLine. The document never holds a secret: connections hold no password, only where to find one.

The sync state and the run history are not exported. Without -Path, the JSON goes to the pipeline as one string.
'@

    Parameters  = @{
        Name      = 'The names of the lines to export. Wildcards are allowed; the default, *, exports every line. A name without wildcards that matches no line writes an error.'
        Path      = 'The file to write, in UTF-8. An existing file is overwritten unless -NoClobber is given. Without -Path, the JSON is written to the pipeline.'
        NoClobber = 'Does not overwrite an existing file: an error is written instead.'
        PassThru  = 'Writes the FileInfo of the file to the pipeline. By default nothing is written when -Path is given.'
    }

    Inputs      = 'Line names, or objects with a Name property such as the output of Get-SyncLine.'

    Outputs     = 'Without -Path, one String holding the JSON document. With -Path and -PassThru, the FileInfo of the file written. Otherwise nothing.'

    Examples    = @(
        @{
            Title   = 'Keep every line in a file under version control'
            Code    = 'Export-SyncLine -Path ./ofisync-lines.json'
            Remarks = 'Writes every line, with the connections it uses, to ofisync-lines.json in the current folder.'
        }
        @{
            Title   = 'Copy two lines to another store'
            Code    = @'
Export-SyncLine -Name Sectores, Clientes | Set-Content ./lines.json
Import-SyncLine -Path ./lines.json -Store 'PostgreSql:Host=db1;Database=ofisync;Username=ofisync'
'@
            Remarks = 'The JSON goes through the pipeline into a file, which Import-SyncLine reads into a PostgreSQL store.'
        }
        @{
            Title   = 'Do not overwrite an earlier export'
            Code    = 'Export-SyncLine -Path "./lines-$(Get-Date -Format yyyyMMdd).json" -NoClobber -PassThru'
            Remarks = 'Writes a dated file, fails if it exists already, and shows the file written.'
        }
    )

    Links       = @('about_OfiSync', 'Import-SyncLine', 'Get-SyncLine')
}
