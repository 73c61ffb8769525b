<#
.SYNOPSIS
    An unattended sync for the Windows Task Scheduler, cron or a systemd timer: runs the lines without asking, keeps
    the failed rows in a CSV file and tells the scheduler through its exit code.
.DESCRIPTION
    Runs the sync lines of a store with Invoke-OfiSync -Force -Summary and writes one summary line per sync line to
    the output (the scheduler's log). The rows that failed in this run are written, with their key and error, to a
    CSV file (Get-SyncRunResult -LastSync -Status Failed | Export-Csv).

    Exit codes:
        0   every line ran and no row failed (including when there was nothing to send)
        1   rows failed: they are listed in the CSV file; the other rows were written, and the next run tries the
            failed ones again
        2   a line could not run at all (a database unreachable, a column renamed, the delete safety cap...) or the
            script itself failed; the reason is in the output. Rows that failed too are still in the CSV file.
        3   lines were skipped because another run held them (another process, or another machine sharing a server
            store; ErrorId LineLocked), and nothing else went wrong: the other run sends their rows. Expected when
            several machines run this script on one server store with -LockTimeout 0.

    Without -Store the script runs on a scratch demo (a demo ERP and CRM and a store of their own, in a temporary
    folder), so it can be tried anywhere; -BreakOneRow then makes one customer fail, to see exit code 1.

    Several machines on one server store (PostgreSQL, MariaDB, SQL Server): give every machine the same -Store and
    -LockTimeout 0, so that each line runs on one machine and the others skip it at once (exit code 3 there).
    The one-line way to the failures of the last sync, whatever its lines: Get-SyncRunResult -LastSync -Status Failed.

    Register it (adapt the paths; the account that runs it needs the passwords its connections name, such as their
    environment variables, and write access to the store; a password variable that is not set is reported once,
    with the lines it kept from running):

    Windows, Task Scheduler, every day at 06:30:

        $action = New-ScheduledTaskAction -Execute 'pwsh.exe' `
            -Argument '-NoProfile -NonInteractive -File C:\OfiSync\03-scheduled-task.ps1 -ModulePath OfiSync -Store C:\OfiSync\store.db -LogFolder C:\OfiSync\logs'
        $trigger = New-ScheduledTaskTrigger -Daily -At 06:30
        $settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit (New-TimeSpan -Hours 2) -StartWhenAvailable
        Register-ScheduledTask -TaskName 'OfiSync ERP -> CRM' -Action $action -Trigger $trigger -Settings $settings `
            -User 'DOMAIN\svc-ofisync' -Password (Read-Host 'Password of svc-ofisync' -MaskInput)

        The task's "Last Run Result" then shows 0x0, 0x1 or 0x2.

    Linux or macOS, crontab -e, every day at 06:30, output appended to a log (cron mails nothing on exit code 0 when
    the output goes to a file; use a wrapper or a systemd timer with OnFailure= to be told about exit codes 1 and 2):

        30 6 * * *  pwsh -NoProfile -NonInteractive -File /opt/ofisync/03-scheduled-task.ps1 -ModulePath OfiSync -Store /var/lib/ofisync/store.db -LogFolder /var/log/ofisync >> /var/log/ofisync/sync.log 2>&1

.PARAMETER ModulePath
    The OfiSync module to import: the built out/OfiSync when it is there, else 'OfiSync' (an installed module).
.PARAMETER Store
    The store whose lines run: a SQLite file, or 'PostgreSql:<connection string>' / 'SqlServer:<connection string>'.
    It must exist (New-SyncConnection or Import-SyncLine made it): a path with a typo ends the run with exit code 2,
    naming it, and creates nothing. Without -Store, a scratch demo store is prepared (see the description).
.PARAMETER Line
    The lines to run; wildcards allowed. Default: every enabled line.
.PARAMETER LockTimeout
    Seconds a line waits for another run of it to end before it is skipped (exit code 3). 0 for several machines
    sharing a server store. Default 30.
.PARAMETER ThrottleLimit
    How many lines run at once (Invoke-OfiSync -ThrottleLimit). Default 4; 1 runs them one after the other.
.PARAMETER LogFolder
    Where the CSV of failed rows goes, as failures-<date>-<time>.csv. Default: the current folder, or the scratch
    folder of the demo.
.PARAMETER FailureCsv
    The CSV file of failed rows, instead of a dated file in -LogFolder. It is overwritten when rows fail, and removed
    when the run has no failed row, so that it always describes the last run.
.PARAMETER Customers
    Demo only: how many customers the scratch ERP gets.
.PARAMETER BreakOneRow
    Demo only: gives one customer the NIF of another before the run, so that its row fails on the CRM's UNIQUE nif.
.EXAMPLE
    pwsh -NoProfile -File examples/03-scheduled-task.ps1 -BreakOneRow; $LASTEXITCODE
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File 03-scheduled-task.ps1 -ModulePath OfiSync -Store /var/lib/ofisync/store.db -LogFolder /var/log/ofisync
#>
[CmdletBinding(DefaultParameterSetName = 'Demo')]
param(
    [string] $ModulePath,
    [Parameter(Mandatory, ParameterSetName = 'Store')] [string] $Store,
    [string[]] $Line = '*',
    [ValidateRange(0, 86400)] [int] $LockTimeout = 30,
    [ValidateRange(1, 64)] [int] $ThrottleLimit = 4,
    [string] $LogFolder,
    [string] $FailureCsv,
    [Parameter(ParameterSetName = 'Demo')] [int] $Customers = 300,
    [Parameter(ParameterSetName = 'Demo')] [switch] $BreakOneRow
)
$ErrorActionPreference = 'Stop'
$scratch = $null
$exitCode = 2
try {
    if (-not $ModulePath) {
        $built = Join-Path $PSScriptRoot '../out/OfiSync/OfiSync.psd1'
        $ModulePath = if (Test-Path $built) { $built } else { 'OfiSync' }
    }
    Import-Module $ModulePath

    if ($PSCmdlet.ParameterSetName -eq 'Demo') {
        # A scratch ERP, CRM and store, already synced once, so that this run has something realistic to do.
        Import-Module (Join-Path $PSScriptRoot 'DemoData.psm1')
        $scratch = Join-Path ([IO.Path]::GetTempPath()) "ofisync-03-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        New-Item -ItemType Directory $scratch | Out-Null
        $Store = Join-Path $scratch 'store.db'
        New-DemoErp -Path (Join-Path $scratch 'erp.db') -Customers $Customers | Out-Null
        New-DemoCrm -Path (Join-Path $scratch 'crm.db') | Out-Null
        Initialize-DemoStore -ErpPath (Join-Path $scratch 'erp.db') -CrmPath (Join-Path $scratch 'crm.db') -Store $Store | Out-Null
        Invoke-OfiSync -Force -Store $Store | Out-Null
        Invoke-SyncQuery -Connection ERP -Store $Store -Confirm:$false -Query @"
UPDATE cliente SET telefono = '910000001', fecha_modif = date('now') WHERE codigo IN (SELECT codigo FROM cliente WHERE activo = 1 ORDER BY codigo LIMIT 3);
$(if ($BreakOneRow) { "UPDATE cliente SET nif = (SELECT nif FROM cliente WHERE activo = 1 ORDER BY codigo LIMIT 1), fecha_modif = date('now') WHERE codigo = (SELECT MAX(codigo) FROM cliente WHERE activo = 1);" })
"@
        if (-not $LogFolder) { $LogFolder = $scratch }
    }

    # Log times in one form whatever the culture of the account the scheduler uses (Get-Date -Format follows it).
    $stamp = { (Get-Date).ToString($args[0], [cultureinfo]::InvariantCulture) }
    Write-Output "OfiSync run started $(& $stamp 'yyyy-MM-dd HH:mm:ss') on $([Environment]::MachineName), store $Store"

    # -Force: a scheduled job cannot answer a confirmation. It also lifts the delete safety cap; to keep the cap,
    # write -Confirm:$false instead of -Force.
    # -Summary: one object per line, and the sync's total last when two or more lines ran (the one without a RunId).
    # Failed rows then write one error per line (RowsFailed), collected with the errors of lines that could not run in
    # $syncErrors; -ErrorAction SilentlyContinue keeps them out of the log, which gets the summary and the messages below.
    $output = @(Invoke-OfiSync -Line $Line -Force -Summary -Store $Store -LockTimeout $LockTimeout -ThrottleLimit $ThrottleLimit `
        -ErrorVariable syncErrors -ErrorAction SilentlyContinue)
    $summaries = @($output | Where-Object RunId)
    $total = $output | Where-Object { -not $_.RunId }
    $summaries | Format-Table RunId, Line, Status, Read, Inserted, Updated, Deleted, Flagged, Unchanged, Failed,
        @{ Name = 'Seconds'; Expression = { '{0:N1}' -f $_.Duration.TotalSeconds }; Alignment = 'Right' } -AutoSize |
        Out-String -Width 200 | Write-Output
    if ($total) { Write-Output "Lines: $($total.Succeeded) succeeded, $($total.CompletedWithErrors) with failed rows, $($total.Failed) failed, $($total.NotRun) not run; rows read $($total.Read), failed $($total.FailedRows)" }

    # The failed rows of this sync (every line this Invoke-OfiSync call ran), from the store: line, key, action and error.
    # (When no line ran, the last sync is an older one: then there is nothing of this run to list.)
    $failedRows = @(if ($summaries) { Get-SyncRunResult -LastSync -Status Failed -Store $Store })
    # Errors other than "rows failed": a line that could not run, a line that did not run because a line it depends
    # on failed, or a connection whose password is missing (one error, naming the lines it kept from running).
    # A line another run held (LineLocked) is not a failure of this job: the other run sends its rows.
    $locked = @($syncErrors | Where-Object { $_.FullyQualifiedErrorId -like 'LineLocked*' })
    $lineErrors = @($syncErrors | Where-Object { $_.FullyQualifiedErrorId -notlike 'RowsFailed*' -and $_.FullyQualifiedErrorId -notlike 'LineLocked*' })
    # A line that failed or stopped says why in its summary too: reported from there only when no error told it
    # already (stopped by -MaxErrors), so each reason is written once.
    $told = @($lineErrors | ForEach-Object { $_.TargetObject } | Where-Object { $_ -and $_.PSObject.TypeNames -contains 'OfiSync.Core.Lines.SyncLine' } | ForEach-Object Name)
    $lineErrors += @($summaries | Where-Object { $_.Status -in 'Failed', 'Stopped' -and $_.Line -notin $told } |
        ForEach-Object { "Line $($_.Line): $($_.Status). $($_.Message)" })

    if (-not $FailureCsv) {
        if (-not $LogFolder) { $LogFolder = (Get-Location).Path }
        New-Item -ItemType Directory $LogFolder -Force | Out-Null
        $FailureCsv = Join-Path $LogFolder "failures-$(& $stamp 'yyyyMMdd-HHmmss').csv"
    }
    if ($failedRows) {
        $failedRows | Select-Object RunId, Line, Key, Action, Status, Column, Error | Export-Csv -LiteralPath $FailureCsv -NoTypeInformation -Encoding utf8
        Write-Output "Rows failed: $($failedRows.Count). They are listed in $FailureCsv"
        $failedRows | Format-Table Line, Key, Error -AutoSize -Wrap | Out-String -Width 200 | Write-Output
    }
    elseif (Test-Path -LiteralPath $FailureCsv) {
        Remove-Item -LiteralPath $FailureCsv   # a CSV of an earlier run would describe rows that went through since
    }
    foreach ($e in $lineErrors) { Write-Output "ERROR: $e" }
    foreach ($e in $locked) { Write-Output "SKIPPED: $e" }

    $exitCode = if ($lineErrors) { 2 } elseif ($failedRows) { 1 } elseif ($locked) { 3 } else { 0 }
    Write-Output "OfiSync run ended $(& $stamp 'yyyy-MM-dd HH:mm:ss'), exit code $exitCode"
}
catch {
    # The store or the module could not be opened, or something unexpected: say why, in one line, and exit 2.
    Write-Output "ERROR: $($_.Exception.Message)"
    $exitCode = 2
}
finally {
    # The demo's scratch folder goes, unless it holds the CSV of failed rows, to be looked at.
    if ($scratch -and -not ($exitCode -ne 0 -and $FailureCsv -and $FailureCsv.StartsWith($scratch))) {
        Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction SilentlyContinue
    }
}
exit $exitCode
