@{
    Synopsis    = 'Adds a sync line: which source rows go into which target table, by which key, with which column map.'

    Description = @'
New-SyncLine defines the synchronisation of one kind of data, such as the ERP's customers or its sectors, and saves it in the store. A line names its source connection and table (or query), its target connection and table, the key that identifies a row on both sides, and how each target column gets its value (-Map). It may also have a pre-filter, a delete policy, an order and the lines it depends on. See SYNC LINES in about_OfiSync.

Before saving, New-SyncLine checks the line: the definition itself (the connections and the lines it depends on exist, the key and the map are complete, no dependency cycle) and, by connecting to both databases, that the tables and columns exist and that each source column's type can be written into its target column. A line with errors is not saved: one error lists every problem, with the side and column. Problems that do not prevent saving, such as text that may be too long for its target column, are written as warnings. -SkipCheck saves without connecting.

Without -Map, every source column is mapped to the target column of the same name. Adding a line writes nothing to the target database: the rows move only when the line runs.
'@

    Parameters  = @{
        Name        = 'The name of the line, unique in the store, without wildcard characters (* ? [ ]).'
        Source      = 'The name of the stored connection the rows are read from (the ERP). See New-SyncConnection.'
        SourceTable = "The source table, optionally with its schema (schema.table). Give either -SourceTable or -SourceQuery."
        Target      = 'The name of the stored connection the rows are written to (the CRM).'
        TargetTable = 'The target table, optionally with its schema (schema.table).'
        Key         = 'The source column or columns that identify a row, such as codigo, or serie and numero for a composite key. The sync state and the target key follow this key.'
        Enabled     = @{ DefaultValue = 'True' }
        SkipCheck   = 'Save the line without connecting to the databases. The definition itself is still checked; the tables, columns and types are not. Without a connection the map cannot be read from the tables, so -SkipCheck needs -Map. Run Test-SyncLine later.'
    }

    Inputs      = 'Objects with properties named like the parameters (Name, Source, SourceTable, Target, TargetTable, Key, Filter, DeletePolicy and the others that accept pipeline input).'

    Outputs     = 'The SyncLine that was saved, with its map as completed (target key, automatic map). Nothing is written with -WhatIf or when the line is not saved.'

    Examples    = @(
        @{
            Title   = 'The sectors, mapped by name'
            Code    = 'New-SyncLine -Name Sectores -Source erp -SourceTable sector -Target crm -TargetTable sector -Key codigo -Map @{ codigo_origen = ''codigo''; descripcion = ''descripcion'' }'
            Remarks = "The ERP's sector code goes into the CRM's codigo_origen column, which becomes the target key: a rerun updates the sector whose codigo_origen matches instead of adding another."
        }
        @{
            Title   = 'The customers, with a lookup, a constant, a pre-filter and a delete policy'
            Code    = @'
New-SyncLine -Name Clientes -Source erp -SourceTable cliente -Target crm -TargetTable cuenta -Key codigo -Map @{
    codigo       = 'codigo'
    razon_social = 'razon_social'
    nif          = 'nif'
    sector_id    = @{ Lookup = 'sector'; Match = 'codigo_origen'; Value = 'id'; From = 'sector_codigo' }
    estado       = @{ Constant = 'Cliente' }
} -Filter { activo -eq 1 } -DeletePolicy Flag -FlagColumn estado -FlagValue 'Inactivo' -DependsOn Sectores
'@
            Remarks = "Only active customers are read. The ERP's sector code is translated into the id of the CRM sector that came from it, so the line depends on the Sectores line. Customers that disappear from the ERP are marked Inactivo in the CRM instead of being deleted."
        }
        @{
            Title   = 'Map the columns that have the same names'
            Code    = 'New-SyncLine -Name Vendedores -Source erp -SourceTable vendedor -Target crm -TargetTable vendedor -Key codigo'
            Remarks = 'Without -Map, New-SyncLine reads both tables and maps each source column to the target column of the same name.'
        }
        @{
            Title   = 'Save a line without connecting'
            Code    = 'New-SyncLine -Name Clientes -Source erp -SourceTable cliente -Target crm -TargetTable cuenta -Key codigo -Map @{ codigo = ''codigo''; razon_social = ''razon_social'' } -SkipCheck'
            Remarks = 'Useful when a database is not reachable from this machine yet. Test-SyncLine -Name Clientes checks the tables and columns later.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncLine', 'Set-SyncLine', 'Test-SyncLine', 'Remove-SyncLine', 'New-SyncConnection')
}
