@{
    Synopsis    = 'Removes sync lines and their sync state from the store; their run history stays.'

    Description = @'
Remove-SyncLine deletes sync lines from the store, with their sync state (the hash kept for every source row). Their run history stays. Nothing is deleted from the source or target databases.

A line that other lines depend on is not removed, and the error names those lines. -Force removes it anyway and drops it from their DependsOn, with a warning for each.

Removing a line asks for confirmation, because a line defined again later starts without sync state and sends every row again. -Force, or -Confirm:$false, removes without asking.
'@

    Parameters  = @{
        Name  = 'The names of the lines to remove. Wildcards are allowed. A name without wildcards that matches no line writes an error.'
        Force = 'Removes without asking for confirmation, and removes lines that other lines depend on, dropping them from those lines'' DependsOn.'
    }

    Inputs      = 'Line names, or objects with a Name property such as the output of Get-SyncLine.'

    Outputs     = 'None.'

    Examples    = @(
        @{
            Title   = 'Remove a line, after confirming'
            Code    = 'Remove-SyncLine -Name Vendedores'
            Remarks = 'Asks for confirmation, then removes the line Vendedores and its sync state.'
        }
        @{
            Title   = 'Remove a line that others depend on, without asking'
            Code    = 'Remove-SyncLine -Name Sectores -Force'
            Remarks = 'Removes Sectores, and warns for each line, such as Clientes, that no longer depends on it.'
        }
        @{
            Title   = 'See what a pattern would remove'
            Code    = "Get-SyncLine -Name 'Test*' | Remove-SyncLine -WhatIf"
            Remarks = 'Lists the lines that would be removed, and removes nothing.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncLine', 'New-SyncLine')
}
