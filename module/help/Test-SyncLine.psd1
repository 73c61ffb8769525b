@{
    Synopsis    = 'Checks sync lines against their databases: tables, columns, key columns and types.'

    Description = @'
Test-SyncLine connects to the source and target of each line and checks that its tables and columns exist, that its key columns are there, that every lookup table and column exists, and that each source column's type can be written into its target column. It also checks the definition itself: connections, key, map, delete policy, batch size and dependencies.

It writes one LineProblem per problem, with the line, the side (Line, Source or Target), the column, the severity and a message that says what to do; nothing when a line is sound. An Error prevents the line from running; a Warning means the line runs but some rows may fail: a source column that allows NULL mapped to a NOT NULL target column (NullIntoNotNull; key columns excepted), text declared longer than its PostgreSQL or SQL Server target column (MayTruncate; a source text column declared without a length is not compared), decimals into an integer column (MayLosePrecision), or text converted into another type (TypeMismatch). A connection that cannot be opened is reported as a problem of the line, not as an error of the command.

With -Quiet, it writes $true or $false per line instead: $true when the line has no errors (warnings do not count).
'@

    Parameters  = @{
        Name  = 'The names of the lines to check. Wildcards are allowed; the default, *, checks every line. A name without wildcards that matches no line writes an error.'
        Quiet = 'Writes $true for each line without errors and $false for each line with errors, instead of the problems.'
    }

    Inputs      = 'Line names, or objects with a Name property such as the output of Get-SyncLine.'

    Outputs     = 'LineProblem objects (Line, Side, Column, Severity, Problem and Code, a stable identifier such as ColumnNotFound or TypeMismatch for scripts); with -Quiet, one Boolean per line.'

    Examples    = @(
        @{
            Title   = 'Check every line'
            Code    = 'Test-SyncLine'
            Remarks = 'Connects to the databases of every line and lists the problems found, one per row; no output means every line is sound.'
        }
        @{
            Title   = 'Stop a scheduled script when a line is broken'
            Code    = @'
if (-not (Test-SyncLine -Name Clientes -Quiet)) {
    Test-SyncLine -Name Clientes | Format-Table -Wrap
    exit 1
}
'@
            Remarks = 'Ends the script with exit code 1, after showing the problems, when the line Clientes has errors, for example after a column was renamed in the ERP.'
        }
        @{
            Title   = 'Check lines whose connections ask for a password'
            Code    = "Test-SyncLine -Name 'C*' -Credential (Get-Credential -UserName ofisync)"
            Remarks = 'The credential is used for the connections created with New-SyncConnection -PromptForCredential.'
        }
        @{
            Title   = 'Only the errors, by code'
            Code    = 'Test-SyncLine | Where-Object Severity -eq Error | Group-Object Code'
            Remarks = 'Groups the errors of every line by their code, such as ColumnNotFound.'
        }
    )

    Links       = @('about_OfiSync', 'New-SyncLine', 'Set-SyncLine', 'Test-SyncConnection')
}
