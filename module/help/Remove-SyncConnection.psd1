@{
    Synopsis    = 'Removes connections that no sync line uses from the store.'

    Description = 'Remove-SyncConnection deletes stored connections by name. A connection that a sync line uses as its source or target is not removed: the error names the lines, so you can change or remove them first. Nothing in the databases themselves is touched, and no secret is removed from environment variables or SecretManagement vaults.'

    Parameters  = @{
        Name = 'The names of the connections to remove. Wildcards are allowed. A name without wildcards that matches no connection writes an error.'
    }

    Inputs      = 'Connection names, or objects with a Name property such as the output of Get-SyncConnection.'

    Outputs     = 'None.'

    Examples    = @(
        @{
            Title   = 'Remove one connection'
            Code    = 'Remove-SyncConnection -Name old-erp'
            Remarks = 'Removes the connection old-erp, unless a sync line still uses it.'
        }
        @{
            Title   = 'See what a pattern would remove'
            Code    = "Get-SyncConnection -Name 'test-*' | Remove-SyncConnection -WhatIf"
            Remarks = 'Lists the connections whose names start with test- that would be removed, and removes nothing.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncConnection', 'New-SyncConnection')
}
