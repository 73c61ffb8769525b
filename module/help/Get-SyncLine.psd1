@{
    Synopsis    = 'Gets the sync lines of the store, in the order they run.'

    Description = 'Get-SyncLine lists sync lines: the lines a line depends on first, then by their order, then by name, which is the order in which they run. Each line shows its source and target, key, delete policy and pre-filter; Format-List * shows the whole definition, including the column map. Without -Name, it lists every line.'

    Parameters  = @{
        Name   = 'The names of the lines to get. Wildcards are allowed; the default, *, gets every line. A name without wildcards that matches no line writes an error.'
        Filter = @'
Keeps only the lines for which a condition holds, written in Where-Object syntax on the properties of the line objects, as a scriptblock or a string: such as { Enabled -eq $true } or { DeletePolicy -eq 'Flag' }. The names are bare property names (Name, Description, Enabled, Source, SourceTable, SourceQuery, Target, TargetTable, Key, TargetKey, TargetId, Filter, DeletePolicy, FlagColumn, FlagValue, Order, DependsOn, BatchSize, CommandTimeout, Created, Modified and the others that Format-List * shows), without $_.

The condition is not run as PowerShell: OfiSync's own filter evaluator, the one that reads pre-filters, evaluates it on each line. The operators are -eq, -ne, -gt, -ge, -lt, -le, -like, -notlike, -in, -notin (and their case-sensitive forms -ceq, -clike, -cin...), -and, -or and -not; text compares without regard to case unless a case-sensitive form is used, and a $variable takes its value from the caller's scope. DeletePolicy compares as its name (Ignore, Flag, Delete); lists such as Key and DependsOn compare as their items joined by ', ', so { DependsOn -like '*Sectores*' } finds the lines that depend on Sectores. A name the line objects lack, or an operator the evaluator does not know, ends the command with an error that lists what is allowed.

-Filter applies to the lines that -Name matches.
'@
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
            Code    = 'Get-SyncLine -Name ''C*'' -Filter { Enabled -eq $true }'
            Remarks = 'Keeps the lines matched by the name pattern for which the condition holds. Piping to Where-Object Enabled gives the same lines.'
        }
        @{
            Title   = 'Find the lines that flag or delete rows gone from the source'
            Code    = "Get-SyncLine -Filter { DeletePolicy -eq 'Flag' -or DeletePolicy -eq 'Delete' }"
            Remarks = 'Lists the lines whose runs flag or delete target rows, in the order they run: the lines to check with Get-SyncPreview before a run.'
        }
        @{
            Title   = 'See what a run of the lines that read one connection would do'
            Code    = 'Get-SyncLine -Filter { Source -eq ''erp'' -and Enabled -eq $true } | Invoke-OfiSync -WhatIf'
            Remarks = 'Selects the enabled lines that read the connection erp and shows what a run of them would do.'
        }
    )

    Links       = @('about_OfiSync', 'New-SyncLine', 'Set-SyncLine', 'Test-SyncLine', 'Export-SyncLine')
}
