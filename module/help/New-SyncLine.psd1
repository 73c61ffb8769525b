@{
    Synopsis    = 'Adds a sync line: which source rows go into which target table, by which key, with which column map.'

    Description = @'
New-SyncLine defines the synchronisation of one kind of data, such as the ERP's customers or its sectors, and saves it in the store. A line names its source connection and table (or query), its target connection and table, the key that identifies a row on both sides, and how each target column gets its value (-Map). It may also have a pre-filter, a delete policy, an order and the lines it depends on. See SYNC LINES in about_OfiSync.

Before saving, New-SyncLine checks the line: the definition itself (the connections and the lines it depends on exist, the key and the map are complete, no dependency cycle) and, by connecting to both databases, that the tables and columns exist and that each source column's type can be written into its target column. A line with errors is not saved: one error lists every problem, with the side and column. Problems that let the line run but will fail some of its rows are written as warnings (Write-Warning, "<line>: <side> column '<column>': ...") and the line is saved: a source column that allows NULL mapped to a target column that does not (a key column is not reported: a row without a key fails anyway); text declared longer than its target column (nvarchar(24) into varchar(16)), when the target is PostgreSQL or SQL Server (SQLite does not enforce lengths; a source text column declared without a length is not compared, and a longer value fails its row at run time, naming the column); decimals written into an integer column; text converted into a number or date. Test-SyncLine lists the same problems as objects. -SkipCheck saves without connecting, so it gives none of these warnings.

Without -Map, every source column is mapped to the target column of the same name. Adding a line writes nothing to the target database: the rows move only when the line runs.

A line is saved beside its connections, so the store must exist already: New-SyncConnection creates it. On a store that does not exist (a -Store path with a typo), New-SyncLine fails, naming it, and creates nothing.
'@

    Parameters  = @{
        Name        = 'The name of the line, unique in the store, without wildcard characters (* ? [ ]).'
        Source      = 'The name of the stored connection the rows are read from (the ERP). See New-SyncConnection.'
        SourceTable = "The source table, optionally with its schema (schema.table). Give either -SourceTable or -SourceQuery."
        Target      = 'The name of the stored connection the rows are written to (the CRM).'
        TargetTable = 'The target table, optionally with its schema (schema.table).'
        Key         = 'The source column or columns that identify a row, such as codigo, or serie and numero for a composite key. The sync state and the target key follow this key. Required, except for a sales statistics line, whose key is customer_key unless given: customer_key, fiscal_year keeps one target row per customer and fiscal year (see -SalesStatistics).'
        SalesStatistics = @'
Makes the line a sales statistics line (the seed's "Datos de Ventas" and "Piramide Actual y Anterior"). A hashtable:

- From: Invoices (the sales documents: one row per invoice or credit note) or Statistics (a table the ERP keeps per customer and fiscal year).
- Table, or Query: the sales table, or a SELECT whose rows are the sales when they need a join or a condition (only the invoices of series A, the lines of a view), read as a derived table like -SourceQuery; give one of the two. Customer, Amount: the customer column and the amount column of that table or query.
- Date (Invoices): the document date. Year, InvoiceCount, LastSale (Statistics): the fiscal year, the number of invoices and the date of the last sale.
- CustomerLine: the line that syncs the customers; its recorded CRM ids say which CRM record each customer's figures go to. That line must have -TargetId (the CRM's id column, such as -TargetId id): a line without it records no CRM ids, so New-SyncLine refuses the statistics line and Test-SyncLine reports it (TargetIdNotRecorded). A customers line given -TargetId later records the ids of rows it had already sent only when run once with Invoke-OfiSync -All.
- FiscalYearStartMonth: 1 to 12 (1 by default). A fiscal year is named by the calendar year it starts in.
- Rule: Pyramid (the default: among customers with sales, ranked by sales, highest first, ties by customer key, Top = the first ceil(1 % of N), Large up to ceil(5 %), Medium up to ceil(20 %), Small the rest) or Abc (A up to 80 % of cumulative sales, B up to 95 %, C the rest).
- Thresholds and TierNames: other percentages and names (one name more than thresholds). InactiveTier: the tier of a customer with no sales in the year but sales before (Inactive by default); a customer who never bought gets no tier.

The aggregation and the ranking run inside the source database. The line's rows have the columns customer_key, fiscal_year, sales_current, sales_previous, invoices, last_sale, tier_current and tier_previous, which -Map sends to target columns; map the CRM id with @{ FromLine = 'Clientes' }. The key is customer_key by default: one target row per customer, rewritten with the figures of the fiscal year of each run. The demo (examples/demo.ps1) gives -Key customer_key, fiscal_year, so its target key is cuenta_id, ejercicio (the target table's primary key): each fiscal year's figures go to a row of their own, and when a new fiscal year starts, the previous year's row is kept as its last run left it instead of being overwritten.

A customer without a CRM record is reported as Skipped, with the reason and what to do: the customers line has never written it (new since that line ran, or left out by its source or filter), its last write by that line failed, that line deleted or flagged it because it left the ERP, or that line records no CRM ids. It is sent by a later run once its record is there. Invoke-OfiSync -AsOf fixes the day the figures are computed for.
'@
        Enabled     = @{ DefaultValue = 'True' }
        SkipCheck   = 'Save the line without connecting to the databases. The definition itself is still checked; the tables, columns and types are not. Without a connection the map cannot be read from the tables, so -SkipCheck needs -Map. Run Test-SyncLine later.'
    }

    Inputs      = 'Objects with properties named like the parameters (Name, Source, SourceTable, Target, TargetTable, Key, Filter, DeletePolicy and the others that accept pipeline input).'

    Outputs     = 'The SyncLine that was saved, with its map as completed (target key, automatic map). Nothing is written with -WhatIf or when the line is not saved.'

    Examples    = @(
        @{
            Title   = 'Sales statistics and the customer pyramid'
            Code    = @'
New-SyncLine -Name Ventas -Source erp -Target crm -TargetTable cuenta_ventas -DependsOn Clientes -Key customer_key, fiscal_year -SalesStatistics @{
    From = 'Invoices'; Table = 'factura'; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes'
} -Map @{
    cuenta_id = @{ FromLine = 'Clientes' }; ejercicio = 'fiscal_year'; ventas_actual = 'sales_current'; ventas_anterior = 'sales_previous'
    num_facturas = 'invoices'; fecha_ult_venta = 'last_sale'; piramide_actual = 'tier_current'; piramide_anterior = 'tier_previous'
}
'@
            Remarks = 'Each customer''s sales of the current fiscal year to date and of the previous one, its invoices, last sale and current and previous pyramid tier go to the CRM record the line Clientes created (cuenta_id), which must have -TargetId. Keyed by customer and fiscal year, each year''s figures stay in a row of their own (cuenta_id, ejercicio). Run it with Invoke-OfiSync after Clientes; -AsOf repeats a past day exactly.'
        }
        @{
            Title   = 'Sales statistics from a query: only the invoices of series A'
            Code    = @'
New-SyncLine -Name VentasA -Source erp -Target crm -TargetTable cuenta_ventas -DependsOn Clientes -Key customer_key, fiscal_year -SalesStatistics @{
    Query = "SELECT cliente_codigo, fecha, total FROM factura WHERE serie = 'A'"
    Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes'
} -Map @{ cuenta_id = @{ FromLine = 'Clientes' }; ejercicio = 'fiscal_year'; ventas_actual = 'sales_current'; ventas_anterior = 'sales_previous' }
'@
            Remarks = 'The query runs inside the ERP as a derived table, wrapped by the aggregation: a join, a WHERE or a view works, as with -SourceQuery.'
        }
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
            Title   = 'Read only the customers changed since the last run'
            Code    = 'New-SyncLine -Name Clientes -Source erp -SourceTable cliente -Target crm -TargetTable cuenta -Key codigo -TargetId id -ChangeColumn fecha_modif -ChangeOverlap (New-TimeSpan -Minutes 10) -DeletePolicy Flag -FlagColumn estado -FlagValue Inactivo'
            Remarks = "After its first run, each run reads only the customers whose fecha_modif is at or after the line's mark less ten minutes, and finds the customers gone from the ERP by reading their keys alone. Invoke-OfiSync -All reads every customer again."
        }
        @{
            Title   = 'Save a line without connecting'
            Code    = 'New-SyncLine -Name Clientes -Source erp -SourceTable cliente -Target crm -TargetTable cuenta -Key codigo -Map @{ codigo = ''codigo''; razon_social = ''razon_social'' } -SkipCheck'
            Remarks = 'Useful when a database is not reachable from this machine yet. Test-SyncLine -Name Clientes checks the tables and columns later.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncLine', 'Set-SyncLine', 'Test-SyncLine', 'Remove-SyncLine', 'New-SyncConnection')
}
