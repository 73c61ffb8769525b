@{
    Synopsis    = 'Gets the sync lines of the store, in the order they run.'

    Description = 'Get-SyncLine lists sync lines: the lines a line depends on first, then by their order, then by name, which is the order in which they run. Each line shows its source and target, key, delete policy and pre-filter; Format-List * shows the whole definition, including the column map. Without -Name, it lists every line.'

    Parameters  = @{
        Name   = 'The names of the lines to get. Wildcards are allowed; the default, *, gets every line. A name without wildcards that matches no line writes an error.'
        Filter = 'Meant to keep only the lines for which a condition in Where-Object syntax holds, such as { Enabled -eq $true }. This version does not evaluate it yet: any -Filter ends the command with an error. Until then, pipe the lines to Where-Object.'
    }

    Inputs      = 'Line names, or objects with a Name property.'

    Outputs     = 'One SyncLine per line found, with its Id, Name, Description, Enabled, Source, SourceTable or SourceQuery, Target, TargetTable, Key, TargetKey, TargetId, Columns (the map), Filter, DeletePolicy, FlagColumn, FlagValue, Order, DependsOn, BatchSize, CommandTimeout, Created and Modified. The default view shows Order, Name, Enabled, Source, Target, Key, Delete and Filter.'

    Examples    = @(
        @{
            Title   = 'List every line in run order'
            Code    = 'Get-SyncLine'
            Remarks = 'Shows the lines of the default store, in the order they run.'
        }
        @{
            Title   = 'Show the whole definition of a line'
            Code    = 'Get-SyncLine -Name Clientes | Format-List *'
            Remarks = 'Shows every property of the line Clientes; its Columns property lists the map, one "target = source" entry per column.'
        }
        @{
            Title   = 'List the enabled lines whose names start with C'
            Code    = "Get-SyncLine -Name 'C*' | Where-Object Enabled"
            Remarks = 'Where-Object keeps the enabled lines.'
        }
    )

    Links       = @('about_OfiSync', 'New-SyncLine', 'Set-SyncLine', 'Test-SyncLine', 'Export-SyncLine')
}
