@{
    Synopsis    = 'Gets the source columns of sync lines as their pre-filter sees them and, with -Profile, what values they hold: the filter helper.'

    Description = @'
A pre-filter names the line's columns and compares them with values, so writing one starts with knowing both. Get-SyncColumn lists, for each line, its source columns as the filter sees them: the source name, the target column the map writes it into (a filter may use either name), the type the database declares, how the filter compares it (FilterType: Text, Integer, Decimal, Double, Boolean, DateTime) and whether it may be NULL.

With -Profile it also counts, inside the source database and under the line's pre-filter (and -Filter, when given), what each column holds: the rows, the NULLs, the distinct values, the smallest and largest value of numbers and dates, and the most frequent values with how many rows hold each, such as "52 distinct, Madrid (412), Barcelona (380)...". From that, -Filter { provincia -in 'Madrid', 'Barcelona' } is one copy away. The counts come from two queries for the whole set of columns, never one per value, and nothing but the counts comes back: the table is not read into memory. Text is told apart exactly, case and trailing spaces included, whatever the column's collation.

On a big table the profile counts at most -RowLimit rows (100,000 by default), the first ones the filter keeps, and says so with a warning; -RowLimit 0 counts every row. A part of the filter the source database cannot evaluate (a lookup's value) is left out of the counts, with a warning naming it. The line's CommandTimeout bounds each query.
'@

    Parameters  = @{
        Line     = 'The names of the lines whose columns to get; wildcards are allowed. Objects with a Line or Name property, such as the lines of Get-SyncLine, bind here from the pipeline.'
        Column   = @{
            Description  = 'Gets only these columns, by source name or by the target column they map into; wildcards are allowed. A name without wildcards that no column has writes an error.'
            DefaultValue = 'Every column'
        }
        Profile  = 'Counts what each column holds under the pre-filter, inside the source database: Rows, Nulls, Distinct, Min and Max (numbers and dates), and Top, the most frequent values with their counts. Without it, only the columns are listed, and nothing is counted.'
        Top      = @{
            Description  = 'How many of the most frequent values -Profile gives per column, from 0 to 1000.'
            DefaultValue = '5'
        }
        RowLimit = @{
            Description  = 'The most rows -Profile counts: the first rows the filter keeps, so that a big table answers quickly. When the count reaches the limit, the output says Limited (the source may have more) and a warning tells how to count them all. 0 counts every row.'
            DefaultValue = '100000'
        }
        Filter   = 'A condition in Where-Object syntax added to the line''s pre-filter with -and for this profile only, such as { activo -eq 1 }, to see what a filter would keep before saving it with Set-SyncLine -Filter. The same syntax and operators as the pre-filter; see FILTERS in about_OfiSync.'
    }

    Inputs      = 'Line names, or objects with a Line or Name property, such as the lines of Get-SyncLine.'

    Outputs     = 'One OfiSync.Core.Profiling.SyncColumn per column, with Line, Name, TargetColumn, DataType, FilterType and Nullable; with -Profile also Profiled, Rows, Nulls, Distinct, Min, Max, Top (values with their Count), Limited (the row limit stopped the count) and FilterLeftOut. The default view groups by line and shows the type, the counts, the range and a summary such as "52 distinct, Madrid (412), Barcelona (380)...".'

    Examples    = @(
        @{
            Title   = 'The columns a filter can use'
            Code    = 'Get-SyncColumn Clientes'
            Remarks = 'Lists the source columns of the Clientes line, with the target column each maps into, its type and whether it may be NULL. Nothing is counted.'
        }
        @{
            Title   = 'What the customers hold, then a filter from it'
            Code    = @'
Get-SyncColumn Clientes -Column poblacion, sector_codigo -Profile
Get-SyncPreview Clientes -Filter { poblacion -in 'Madrid', 'Ávila' }
'@
            Remarks = 'Counts, inside the ERP and under the line''s pre-filter, the towns and sectors of the customers it would send, with the most frequent values first, such as "4 distinct, Madrid (13), Ávila (13)...". The second command previews only the customers of the two towns picked from that list.'
        }
        @{
            Title   = 'Profile a big table completely'
            Code    = 'Get-SyncColumn Ventas -Profile -RowLimit 0 -Top 10'
            Remarks = 'Counts every row the pre-filter keeps (not only the first 100,000), and gives the ten most frequent values of each column.'
        }
        @{
            Title   = 'One column''s most frequent values as filter text'
            Code    = '(Get-SyncColumn Clientes poblacion -Profile).Top | ForEach-Object { "''{0}''" -f $_.Value }'
            Remarks = 'Writes the most frequent towns quoted, ready to paste into -Filter { poblacion -in ... }.'
        }
    )

    Links       = @('about_OfiSync', 'Get-SyncPreview', 'Set-SyncLine', 'New-SyncLine')
}
