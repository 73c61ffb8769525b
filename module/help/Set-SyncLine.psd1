@{
    Synopsis    = 'Changes sync lines; what you do not give stays as it was.'

    Description = @'
Set-SyncLine changes one or more sync lines of the store. Only the parameters you give change; everything else stays as it was. -Map replaces the whole map. -Key replaces the key and, unless -TargetKey is given too, the target key is worked out again. -SourceTable replaces a source query, and -SourceQuery a source table.

A renamed line (-NewName) keeps its identity, so its sync state and run history follow it. Each changed line is checked as New-SyncLine checks a new one, by connecting to both databases unless -SkipCheck is given; a line with errors is not changed, and one error lists its problems.
'@

    Parameters  = @{
        Name           = 'The names of the lines to change. Wildcards are allowed. A name or pattern that matches no line writes an error. Get-SyncLine output can be piped in.'
        NewName        = 'A new name for the line. Only one line can be renamed at a time. The line keeps its sync state and history.'
        Source         = 'The name of another stored connection to read the rows from.'
        SourceTable    = 'Another source table, optionally with its schema (schema.table). It replaces a source query.'
        Target         = 'The name of another stored connection to write the rows to.'
        TargetTable    = 'Another target table, optionally with its schema.'
        Key            = 'Other source key columns. Unless -TargetKey is given too, the target key is worked out again from the map.'
        PassThru       = 'Writes each changed line to the pipeline. By default Set-SyncLine writes nothing.'
        Enabled        = @{ DefaultValue = 'Unchanged' }
        DeletePolicy   = @{ DefaultValue = 'Unchanged' }
        Order          = @{ DefaultValue = 'Unchanged' }
        BatchSize      = @{ DefaultValue = 'Unchanged' }
        CommandTimeout = @{ DefaultValue = 'Unchanged' }
    }

    Inputs      = 'Line names, or SyncLine objects from Get-SyncLine. A piped line also binds its other properties that have parameters of the same names (such as Filter and DeletePolicy) to their current values, so only what you give on the command line changes.'

    Outputs     = 'With -PassThru, each changed SyncLine. Otherwise nothing.'

    Examples    = @(
        @{
            Title   = 'Change the pre-filter of a line'
            Code    = "Set-SyncLine -Name Clientes -Filter { activo -eq 1 -and pais -eq 'ES' }"
            Remarks = 'From the next run, only active Spanish customers are read from the ERP.'
        }
        @{
            Title   = 'Rename a line'
            Code    = 'Set-SyncLine -Name Clientes -NewName Customers -PassThru'
            Remarks = 'The line keeps its sync state, so the next run still sends only what changed. -PassThru shows the changed line.'
        }
        @{
            Title   = 'Disable several lines'
            Code    = 'Get-SyncLine -Name ''Test*'' | Set-SyncLine -Enabled:$false -SkipCheck'
            Remarks = 'Leaves the lines whose names start with Test out of runs, without connecting to their databases.'
        }
        @{
            Title   = 'See what would change'
            Code    = 'Set-SyncLine -Name Clientes -DeletePolicy Delete -WhatIf'
            Remarks = 'Checks the change and shows which line would be changed in which store, without saving it.'
        }
    )

    Links       = @('about_OfiSync', 'New-SyncLine', 'Get-SyncLine', 'Test-SyncLine')
}
