BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force

    function script:New-SyncBed {
        [CmdletBinding()]
        param([int] $Customers = 20, [switch] $FlagDeletes)
        $script:Db = New-SyncTestBed -Customers $Customers -DeletePolicy $(if ($FlagDeletes) { 'Flag' } else { 'Ignore' })
    }
    # A sector the ERP has but the CRM does not: a customer in it cannot be linked yet.
    function script:Add-ErpOnlySector { Erp "INSERT INTO sector VALUES ('ZZZ', 'Nuevo sector')" }
}
AfterAll { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue }

Describe 'Get-SyncPreview' {
    BeforeEach { New-SyncBed }

    It 'streams one object per row to insert, with the mapped values as properties, and writes nothing' {
        $rows = Get-SyncPreview Clientes
        $rows.Count | Should -Be 20
        $rows[0].Action | Should -Be 'Insert'
        $rows[0].Line | Should -Be 'Clientes'
        $rows[0].PSObject.Properties.Name | Should -Contain 'razon_social'
        $rows[0].estado | Should -Be 'Cliente'
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 0
    }

    It 'lets Where-Object pick rows by their mapped values' {
        $madrid = Get-SyncPreview Clientes | Where-Object { $_.poblacion -eq 'Madrid' }
        $madrid.Count | Should -Be 4
    }

    It 'shows updates with the changed columns, old and new, and unchanged rows only when asked' {
        Invoke-OfiSync -Force | Out-Null
        Erp "UPDATE cliente SET poblacion = 'Cádiz' WHERE codigo = '430000002'"
        $rows = @(Get-SyncPreview Clientes)
        $rows.Count | Should -Be 1
        $rows[0].Action | Should -Be 'Update'
        $rows[0].Changes[0].Column | Should -Be 'poblacion'
        $rows[0].Changes[0].Old | Should -Be 'A Coruña'
        $rows[0].Changes[0].New | Should -Be 'Cádiz'
        (Get-SyncPreview Clientes -IncludeUnchanged).Count | Should -Be 20
        (Get-SyncPreview Clientes -All).Count | Should -Be 20
    }

    It 'takes a filter for this preview, with variables from the caller' {
        $towns = 'Madrid', 'Ávila'
        $rows = Get-SyncPreview Clientes -Filter { poblacion -in $towns -and razon_social -like '*1?,*' }
        $rows.Key | Should -Be @('430000010', '430000011', '430000015', '430000016')
    }

    It 'refuses a hostile filter before reading anything, pointing at the place' {
        { Get-SyncPreview Clientes -Filter "poblacion -eq 'x'; Remove-Item /" -ErrorAction Stop } | Should -Throw -ErrorId 'FilterInvalid*'
        { Get-SyncPreview Clientes -Filter { $_.nif.Length -gt 3 } -ErrorAction Stop } | Should -Throw
        { Get-SyncPreview Clientes -Filter { nope -eq 1 } -ErrorAction Stop } | Should -Throw '*nope*razon_social*'
    }

    It 'leaves out the columns given to -ExcludeColumn' {
        $row = Get-SyncPreview Clientes -ExcludeColumn saldo | Select-Object -First 1
        $row.PSObject.Properties.Name | Should -Not -Contain 'saldo'
    }
}

Describe 'Invoke-OfiSync' {
    BeforeEach { New-SyncBed }

    It 'runs the lines in dependency order and returns one result per row with its status' {
        $results = Invoke-OfiSync -Force
        $results.Count | Should -Be 23
        ($results | Select-Object -First 3).Line | Should -Be @('Sectores', 'Sectores', 'Sectores')
        $results | Where-Object Status -NE 'Succeeded' | Should -BeNullOrEmpty
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 20
        ($results | Where-Object Line -EQ Clientes | Select-Object -First 1).TargetId | Should -Not -BeNullOrEmpty
    }

    It 'shows results with the legend marks' {
        $text = Invoke-OfiSync Sectores -Force | Out-String -Width 200
        $text | Should -Match '✔ Succeeded'
    }

    It 'is incremental: a second run sends nothing, a change sends that row only' {
        Invoke-OfiSync -Force | Out-Null
        Invoke-OfiSync -Force | Should -BeNullOrEmpty
        Erp "UPDATE cliente SET razon_social = 'Nueva Razón, S.A.' WHERE codigo = '430000007'"
        $r = Invoke-OfiSync Clientes -Force
        $r.Key | Should -Be '430000007'
        $r.Action | Should -Be 'Update'
        (Crm "SELECT razon_social FROM cuenta WHERE codigo = '430000007'").razon_social | Should -Be 'Nueva Razón, S.A.'
    }

    It 'sends everything again with -All, without duplicating rows' {
        Invoke-OfiSync -Force | Out-Null
        (Invoke-OfiSync Clientes -All -Force).Count | Should -Be 20
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 20
    }

    It 'writes nothing with -WhatIf, and says what it would do' {
        $out = Invoke-OfiSync -WhatIf 6>&1 | Out-String
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 0
        Get-SyncRun | Should -BeNullOrEmpty
    }

    It 'applies exactly the preview rows piped in, with only the columns kept' {
        Invoke-OfiSync Sectores -Force | Out-Null
        $picked = Get-SyncPreview Clientes | Where-Object poblacion -EQ 'Madrid' | Select-Object * -ExcludeProperty saldo
        $results = $picked | Invoke-OfiSync -Confirm:$false
        $results.Count | Should -Be 4
        $rows = Crm 'SELECT codigo, saldo FROM cuenta'
        $rows.Count | Should -Be 4
        $rows | Where-Object saldo -NE $null | Should -BeNullOrEmpty
    }

    It 'fails one bad row with a non-terminating error naming the key and the column, and writes the others' {
        Invoke-OfiSync Sectores -Force | Out-Null
        Add-ErpOnlySector
        Erp "UPDATE cliente SET sector_codigo = 'ZZZ' WHERE codigo = '430000004'"
        $results = Invoke-OfiSync Clientes -Force -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        $failed = @($results | Where-Object Status -EQ 'Failed')
        $failed.Count | Should -Be 1
        $failed[0].Key | Should -Be '430000004'
        $failed[0].Column | Should -Be 'sector_id'
        $rowErrors.Count | Should -Be 1
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'RowFailed*'
        $rowErrors[0].TargetObject.Key | Should -Be '430000004'
        $rowErrors[0].Exception.Message | Should -Match "'ZZZ'"
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 19
    }

    It 'stops at the first failed row with -ErrorAction Stop, and retries it next time once fixed' {
        Invoke-OfiSync Sectores -Force | Out-Null
        Add-ErpOnlySector
        Erp "UPDATE cliente SET sector_codigo = 'ZZZ' WHERE codigo = '430000001'"
        { Invoke-OfiSync Clientes -Force -ErrorAction Stop } | Should -Throw
        (Get-SyncRun Clientes -Last 1).Status | Should -Be 'Stopped'
        Erp "UPDATE cliente SET sector_codigo = 'HOT' WHERE codigo = '430000001'"
        $r = Invoke-OfiSync Clientes -Force
        $r.Key | Should -Contain '430000001'
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 20
    }

    It 'stops a line after -MaxErrors failed rows' {
        Invoke-OfiSync Sectores -Force | Out-Null
        Add-ErpOnlySector
        Erp "UPDATE cliente SET sector_codigo = 'ZZZ'"
        Invoke-OfiSync Clientes -Force -MaxErrors 3 -ErrorAction SilentlyContinue | Out-Null
        $run = Get-SyncRun Clientes -Last 1
        $run.Status | Should -Be 'Stopped'
        $run.Failed | Should -BeLessOrEqual 6
        $run.Message | Should -Match 'MaxErrors'
    }

    It 'gives one summary per line with -Summary' {
        $s = Invoke-OfiSync -Force -Summary
        $s.Line | Should -Be @('Sectores', 'Clientes')
        $s[1].Inserted | Should -Be 20
        $s[1].RowsPerSecond | Should -BeGreaterThan 0
        ($s | Out-String -Width 200) | Should -Match 'Clientes'
    }

    It 'flags rows deleted in the source and refuses a mass delete without -Force' {
        New-SyncBed -FlagDeletes
        Invoke-OfiSync -Force | Out-Null
        Erp "DELETE FROM cliente WHERE codigo = '430000020'"
        $r = Invoke-OfiSync Clientes -Confirm:$false
        $r.Action | Should -Be 'Flag'
        (Crm "SELECT estado FROM cuenta WHERE codigo = '430000020'").estado | Should -Be 'Inactivo'
        Erp "DELETE FROM cliente WHERE codigo > '430000010'"
        Invoke-OfiSync Clientes -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
        $e[0].Exception.Message | Should -Match 'safety cap'
        (Crm "SELECT COUNT(*) AS n FROM cuenta WHERE estado = 'Inactivo'").n | Should -Be 1
    }

    It 'applies Flag rows picked from a preview, and writes nothing for unchanged rows piped in' {
        New-SyncBed -FlagDeletes
        Invoke-OfiSync -Force | Out-Null
        Erp "DELETE FROM cliente WHERE codigo = '430000020'"
        $rows = Get-SyncPreview Clientes -IncludeUnchanged
        $flag = $rows | Where-Object Action -EQ 'Flag'
        $flag.Key | Should -Be '430000020'
        $flag.estado | Should -Be 'Inactivo'
        "$($flag.Changes)" | Should -Be "estado: 'Cliente' -> 'Inactivo'"
        ($flag | Out-String -Width 200) | Should -Match "estado: 'Cliente' -> 'Inactivo'"
        $r = $rows | Invoke-OfiSync -Confirm:$false
        $r.Count | Should -Be 1
        $r.Action | Should -Be 'Flag'
        (Crm "SELECT estado FROM cuenta WHERE codigo = '430000020'").estado | Should -Be 'Inactivo'
    }

    It 'says in the confirmation that rows will be flagged, with the column and the value' {
        New-SyncBed -FlagDeletes
        Invoke-OfiSync -Force | Out-Null
        Erp "DELETE FROM cliente WHERE codigo IN ('430000019', '430000020')"
        # What-if text goes to the host, not to a stream: read it from a child pwsh's output.
        $child = Invoke-ChildPwsh "Import-Module '$(Get-OfiSyncModulePath)'; Invoke-OfiSync Clientes -WhatIf" -Environment @{ OFISYNC_STORE = $env:OFISYNC_STORE }
        ($child.Output -join "`n") | Should -Match "flag 2 \(set estado = 'Inactivo'\) rows of line 'Clientes'"
        $s = Invoke-OfiSync Clientes -Force -Summary
        ($s.Flagged, $s.Deleted) | Should -Be @(2, 0)
    }

    It 'does nothing when the pipeline delivers nothing, rather than run every line' {
        Get-SyncPreview Clientes | Where-Object poblacion -EQ 'Nowhere' | Invoke-OfiSync -Confirm:$false | Should -BeNullOrEmpty
        @() | Invoke-OfiSync -Force | Should -BeNullOrEmpty
        Get-SyncRun | Should -BeNullOrEmpty
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 0
    }

    It 'takes lines from Get-SyncLine through the pipeline' {
        (Get-SyncLine Sectores | Invoke-OfiSync -Force).Count | Should -Be 3
    }
}

Describe 'What a new user meets in the first hour' {
    BeforeEach { New-SyncBed }

    It 'previews a source row without a key as a row in error, with its other values' {
        Erp "INSERT INTO cliente (codigo, razon_social, poblacion, sector_codigo, activo) VALUES (NULL, 'Sin código, S.L.', 'Madrid', 'HOT', 1)"
        Invoke-OfiSync Sectores -Force | Out-Null
        $rows = Get-SyncPreview Clientes -ErrorAction Stop
        $rows.Count | Should -Be 21
        $bad = $rows | Where-Object Error
        $bad.Key | Should -Be ''
        $bad.Error | Should -Match 'codigo is NULL'
        $bad.razon_social | Should -Be 'Sin código, S.L.'
        $r = $bad | Invoke-OfiSync -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Failed'
        $e[0].Exception.Message | Should -Match 'codigo is NULL'
    }

    It 'shows preview properties in the target table''s column order, whatever order the map had' {
        Set-SyncLine Clientes -Map @{ saldo = 'saldo'; razon_social = 'razon_social'; codigo = 'codigo'; poblacion = 'poblacion'; nif = 'nif' }
        $row = Get-SyncPreview Clientes | Select-Object -First 1
        @($row.PSObject.Properties.Name) | Should -Be @('Line', 'Key', 'Action', 'codigo', 'razon_social', 'nif', 'poblacion', 'saldo', 'Changes', 'Error')
    }

    It 'refuses preview rows that went through Export-Csv with one error saying why and what to do, and writes nothing' {
        Invoke-OfiSync Sectores -Force | Out-Null
        $csv = Join-Path $TestDrive 'picked.csv'
        Get-SyncPreview Clientes | Where-Object poblacion -EQ 'Madrid' | Export-Csv $csv
        Import-Csv $csv | Invoke-OfiSync -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PreviewRowsFromText*'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $e[0].Exception.Message | Should -Match 'CSV'
        $e[0].Exception.Message | Should -Match 'Where-Object Key -in \$keys'
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 0
        # The way the message gives: pick by key.
        $keys = (Import-Csv $csv).Key
        (Get-SyncPreview Clientes | Where-Object Key -In $keys | Invoke-OfiSync -Confirm:$false).Count | Should -Be 4
    }

    It 'applies preview rows kept with Export-Clixml exactly, NULL staying NULL' {
        Invoke-OfiSync Sectores -Force | Out-Null
        Erp "UPDATE cliente SET nif = NULL WHERE codigo = '430000005'"
        $xml = Join-Path $TestDrive 'picked.xml'
        Get-SyncPreview Clientes | Where-Object poblacion -EQ 'Madrid' | Export-Clixml $xml
        $r = Import-Clixml $xml | Invoke-OfiSync -Confirm:$false
        $r.Count | Should -Be 4
        $r | Where-Object Status -NE 'Succeeded' | Should -BeNullOrEmpty
        (Crm "SELECT nif FROM cuenta WHERE codigo = '430000005'").nif | Should -BeNullOrEmpty
        (Crm "SELECT COUNT(*) AS n FROM cuenta WHERE nif IS NULL").n | Should -Be 1
    }

    It 'refuses a preview row with a property the line does not have, naming it' {
        Invoke-OfiSync Sectores -Force | Out-Null
        $rows = Get-SyncPreview Clientes | Select-Object -First 2 | Select-Object *, @{ n = 'Comentario'; e = { 'revisar' } }
        $rows | Invoke-OfiSync -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e.Count | Should -Be 2
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PreviewRowPropertyUnknown*'
        $e[0].Exception.Message | Should -Match "'Comentario'"
        $e[0].TargetObject.Key | Should -Be '430000001'
    }

    It 'gives the failures of the last sync, every line it ran, in one command' {
        Erp "INSERT INTO sector VALUES (NULL, 'Sector sin código')"
        Erp "UPDATE cliente SET saldo = 'mucho' WHERE codigo = '430000005'"
        Invoke-OfiSync -Force -ErrorAction SilentlyContinue | Out-Null
        $runs = Get-SyncRun -LastSync
        $runs.Line | Should -Be @('Clientes', 'Sectores')
        @($runs.SyncId | Select-Object -Unique).Count | Should -Be 1
        # The old way saw only the last line's run.
        @(Get-SyncRun -Last 1 | Get-SyncRunResult -Status Failed).Count | Should -BeLessThan @(Get-SyncRunResult -LastSync -Status Failed).Count
        $failed = Get-SyncRunResult -LastSync -Status Failed
        $failed.Line | Sort-Object -Unique | Should -Be @('Clientes', 'Sectores')
        (Get-SyncRun -LastSync | Get-SyncRunResult -Status Failed).Count | Should -Be $failed.Count
        (Get-SyncRun -SyncId $runs[0].SyncId).Count | Should -Be 2
        Invoke-OfiSync Clientes -Force -ErrorAction SilentlyContinue | Out-Null
        (Get-SyncRun -LastSync).Line | Should -Be 'Clientes'
    }

    It 'says with -Verbose, batch by batch, what was read, written and retried, and how long it took' {
        $said = Invoke-OfiSync -Force -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $said | Where-Object { $_ -match "^Line 'Clientes': reading the source with SELECT .* FROM .*cliente" } | Should -Not -BeNullOrEmpty
        $batches = @($said | Where-Object { $_ -match "^Line 'Clientes', batch \d+:" })
        $batches.Count | Should -Be 4
        $batches[0] | Should -Match 'batch 1: 6 rows read; 6 inserted, 0 updated, 0 unchanged, 0 deleted, 0 flagged, 0 failed, 0 skipped; no retry; [\d.]+ s \(reading'
    }

    It 'takes lines from Get-SyncLine to list their runs (Get-SyncRun example 5)' {
        Invoke-OfiSync -Force | Out-Null
        Invoke-OfiSync -Force | Out-Null
        $runs = Get-SyncLine -Filter { Enabled -eq $true } | Get-SyncRun -Last 1 -ErrorAction Stop
        $runs.Line | Should -Be @('Sectores', 'Clientes')
        (Get-SyncLine Clientes | Get-SyncRun).Count | Should -Be 2
    }
}

Describe 'Get-SyncRun and Get-SyncRunResult' {
    BeforeAll {
        New-SyncBed
        Invoke-OfiSync Sectores -Force | Out-Null
        Erp "UPDATE cliente SET saldo = 'mucho' WHERE codigo = '430000005'"
        Invoke-OfiSync Clientes -Force -ErrorAction SilentlyContinue | Out-Null
    }

    It 'lists runs newest first with their counts' {
        $runs = Get-SyncRun
        $runs.Line | Should -Be @('Clientes', 'Sectores')
        $runs[0].Status | Should -Be 'CompletedWithErrors'
        $runs[0].Failed | Should -Be 1
        $runs[0].Inserted | Should -Be 19
        (Get-SyncRun -Last 1).Line | Should -Be 'Clientes'
        (Get-SyncRun -Filter { Failed -gt 0 }).Line | Should -Be 'Clientes'
    }

    It 'gives the failed rows of the last run, ready for Export-Csv' {
        $csv = Join-Path $TestDrive 'failures.csv'
        Get-SyncRun -Last 1 | Get-SyncRunResult -Status Failed | Export-Csv $csv
        $rows = Import-Csv $csv
        $rows.Count | Should -Be 1
        $rows[0].Key | Should -Be '430000005'
        $rows[0].Error | Should -Match 'mucho'
    }

    It 'finds the run of results piped in, and keeps a renamed line''s history' {
        $last = Get-SyncRun -Last 1
        (Get-SyncRunResult -RunId $last.RunId | Select-Object -First 1 | Get-SyncRun).RunId | Should -Be $last.RunId
        Set-SyncLine Clientes -NewName Cuentas
        (Get-SyncRun Cuentas).RunId | Should -Contain $last.RunId
        Set-SyncLine Cuentas -NewName Clientes
    }

    It 'reports an unknown run id' {
        Get-SyncRunResult -RunId 999 -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-SyncLine -Filter' {
    BeforeAll { New-SyncBed; Set-SyncLine Sectores -Enabled:$false }

    It 'keeps the lines for which the condition holds' {
        (Get-SyncLine -Filter { Enabled -eq $true }).Name | Should -Be 'Clientes'
        (Get-SyncLine -Filter "DependsOn -like '*Sect*'").Name | Should -Be 'Clientes'
    }

    It 'refuses an unknown property, listing those there are' {
        { Get-SyncLine -Filter { Colour -eq 'red' } -ErrorAction Stop } | Should -Throw '*Colour*Enabled*'
    }

    It 'skips disabled lines when running everything' {
        $r = Invoke-OfiSync -Force -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $r.Line | Should -Not -Contain 'Sectores'
    }
}

Describe 'Stopping a run (Ctrl+C)' {
    It 'stops promptly, keeps what was committed, and the next run sends the rest' {
        New-SyncBed -Customers 10
        Invoke-OfiSync Sectores -Force | Out-Null
        # Make the ERP big enough that the run is still going when it is stopped.
        Erp @'
WITH RECURSIVE n(i) AS (SELECT 100 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
INSERT INTO cliente (codigo, razon_social, nif, poblacion, provincia, sector_codigo, fecha_alta, fecha_modif, activo, saldo)
SELECT printf('43%07d', i), 'Cliente ' || i, printf('C%08d', i), 'Madrid', 'Madrid', 'HOT', '2024-01-01', '2024-01-01', 1, i FROM n
'@
        Set-SyncLine Clientes -BatchSize 50
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-OfiSyncModulePath)'; Invoke-OfiSync Clientes -Force -Store '$env:OFISYNC_STORE' | Out-Null")
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((Crm 'SELECT COUNT(*) AS n FROM cuenta').n -lt 200 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $ps.Stop()
        try { $ps.EndInvoke($handle) | Out-Null } catch [System.Management.Automation.MethodInvocationException] { $_.Exception.InnerException | Should -BeOfType System.Management.Automation.PipelineStoppedException }
        $ps.Dispose()
        $run = Get-SyncRun Clientes -Last 1
        $run.Status | Should -Be 'Stopped'
        $written = (Crm 'SELECT COUNT(*) AS n FROM cuenta').n
        $written | Should -BeLessThan 29911
        $rest = Invoke-OfiSync Clientes -Force -Summary
        # The batch being written when the run stopped was marked Pending: the next run sends it again as an update (an upsert).
        $rest.Failed | Should -Be 0
        $rest.Inserted | Should -BeLessOrEqual (29911 - $written)
        $rest.Inserted + $rest.Updated | Should -BeGreaterOrEqual (29911 - $written)
        (Crm 'SELECT COUNT(*) AS n FROM cuenta').n | Should -Be 29911
    }
}

Describe 'A line with a change column' {
    BeforeEach {
        New-SyncBed
        Erp 'ALTER TABLE cliente ADD cambio DATETIME'
        # One hour apart: the 20th customer holds the highest value.
        Erp "UPDATE cliente SET cambio = strftime('%Y-%m-%d %H:%M:%S', '2025-03-01 08:00:00', '+' || CAST(substr(codigo, 5) AS INTEGER) || ' hours')"
    }

    It 'refuses a change column that holds text, naming its type, and leaves the line as it was' {
        { Set-SyncLine Clientes -ChangeColumn fecha_modif -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'fecha_modif'*TEXT*"
        (Get-SyncLine Clientes).ChangeColumn | Should -BeNullOrEmpty
    }

    It 'reads only the rows changed since the last run, and every row again with -All' {
        Set-SyncLine Clientes -ChangeColumn cambio -ChangeOverlap (New-TimeSpan -Minutes 1)
        (Get-SyncLine Clientes).ChangeColumn | Should -Be 'cambio'
        Invoke-OfiSync -Force | Out-Null
        Erp "UPDATE cliente SET razon_social = 'Cambiada', cambio = '2025-03-05 09:00:00' WHERE codigo = '430000003'"
        $run = Invoke-OfiSync Clientes -Force -Summary
        # The changed row, and the 20th, at the mark (inside the minute of overlap): read, found unchanged, not sent.
        ($run.Read, $run.Updated, $run.Unchanged) | Should -Be @(2, 1, 1)
        (Crm "SELECT razon_social FROM cuenta WHERE codigo = '430000003'").razon_social | Should -Be 'Cambiada'
        (Invoke-OfiSync Clientes -All -Force -Summary).Read | Should -Be 20
        Set-SyncLine Clientes -ChangeColumn ''
        (Get-SyncLine Clientes).ChangeColumn | Should -BeNullOrEmpty
    }
}
