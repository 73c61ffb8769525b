# The same filter, run inside the source database by Get-SyncPreview -Filter, and by Where-Object over every preview
# row in PowerShell, must keep exactly the same rows: NULLs, accents, mixed case, edge dates and all.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    $folder = Join-Path $TestDrive 'filters'
    New-Item -ItemType Directory $folder | Out-Null
    $erp = Join-Path $folder 'erp.db'
    $crm = Join-Path $folder 'crm.db'
    $columns = 'codigo TEXT PRIMARY KEY, nombre TEXT, poblacion TEXT, saldo NUMERIC, unidades INTEGER, fecha DATE, activo INTEGER'
    Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erp;Mode=ReadWriteCreate" -Confirm:$false -Query @"
CREATE TABLE t ($columns);
CREATE TABLE towns (i INTEGER PRIMARY KEY, name TEXT);
INSERT INTO towns VALUES (0, 'Madrid'), (1, 'madrid'), (2, 'Ávila'), (3, 'ÁVILA'), (4, 'Cádiz'), (5, 'A Coruña'), (6, NULL), (7, 'Logroño'), (8, '50%_off'), (9, '');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO t SELECT printf('4300%05d', i),
  CASE i % 7 WHEN 0 THEN NULL WHEN 1 THEN 'Cliente ' || i WHEN 2 THEN 'CLIENTE ' || i WHEN 3 THEN 'Ñandú ' || i WHEN 4 THEN 'ñandú ' || i WHEN 5 THEN 'Árbol_' || i ELSE 'b' || i END,
  (SELECT name FROM towns WHERE towns.i = n.i % 10),
  CASE WHEN i % 11 = 0 THEN NULL ELSE round((i % 37) * 27.35 - 150, 2) END,
  CASE WHEN i % 13 = 0 THEN NULL ELSE i % 25 END,
  CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN '2024-02-29' WHEN 2 THEN '2023-12-31 23:59:59' WHEN 3 THEN '2024-01-01' ELSE date('2023-06-01', '+' || i || ' days') END,
  i % 2
FROM n;
"@
    Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crm;Mode=ReadWriteCreate" -Confirm:$false -Query "CREATE TABLE t ($columns)"
    $env:OFISYNC_STORE = Join-Path $folder 'store.db'
    New-SyncConnection ERP Sqlite "Data Source=$erp" | Out-Null
    New-SyncConnection CRM Sqlite "Data Source=$crm" | Out-Null
    New-SyncLine T -Source ERP -SourceTable t -Target CRM -TargetTable t -Key codigo | Out-Null
    $script:All = Get-SyncPreview T
}
AfterAll { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue }

Describe 'A filter keeps the same rows in the database as Where-Object in PowerShell' {
    It 'holds for <_>' -ForEach @(
        '$_.poblacion -eq ''madrid''', '$_.poblacion -ne ''Madrid''', '$_.poblacion -eq ''ávila''', '$_.poblacion -eq $null', '$_.poblacion -ne $null',
        '$_.poblacion -eq ''''', '$_.poblacion -like ''*%*''', '$_.poblacion -like ''*_off''', '$_.poblacion -like ''a*''', '$_.poblacion -notlike ''*o*''',
        '$_.poblacion -in ''Madrid'', ''Cádiz''', '$_.poblacion -notin ''Madrid'', ''Cádiz''', '$_.poblacion -gt ''B''', '$_.poblacion -le ''Cádiz''',
        '$_.nombre -like ''cliente*''', '$_.nombre -like ''*ñ*''', '$_.nombre -like ''ñandú ?''', '$_.nombre -like ''ñandú ??''', '$_.nombre -eq ''ÑANDÚ 3''',
        '$_.nombre -notlike ''*1*''', '$_.nombre -eq $null', '$_.nombre -like ''[a-c]*''', '$_.nombre -like ''*[0-4]''', '$_.nombre -like ''Árbol_*''',
        '$_.saldo -gt 100', '$_.saldo -ge 100', '$_.saldo -lt 0', '$_.saldo -le -150', '$_.saldo -eq 0', '$_.saldo -ne 0', '$_.saldo -eq $null',
        '$_.saldo -gt 10.5 -and $_.saldo -lt 300.75', '$_.saldo -in 0, -150, 834.25', '$_.saldo -lt $null', '$_.saldo -gt $null',
        '$_.unidades -ge 10 -and $_.unidades -lt 20', '$_.unidades -in 1, 2, 3', '$_.unidades -notin 1, 2, 3', '$_.unidades -eq $null', '$_.unidades -lt 5',
        '$_.unidades -gt -1', '$_.unidades -eq ''7''', '$_.unidades -ne 24',
        '$_.fecha -ge $since', '$_.fecha -lt $since', '$_.fecha -eq $leap', '$_.fecha -gt $yearEnd', '$_.fecha -le $yearEnd', '$_.fecha -eq $null',
        '$_.fecha -ne $null -and $_.fecha -lt [datetime]''2024-01-01''', '$_.fecha -ge [datetime]''2023-12-31 23:59:59''',
        '$_.activo -eq 1', '$_.activo -eq $true', '$_.activo -ne 1',
        '-not ($_.poblacion -eq ''Madrid'')', '!($_.saldo -gt 0)', '$_.poblacion -eq ''Madrid'' -or $_.saldo -gt 500',
        '($_.poblacion -eq ''Madrid'' -or $_.poblacion -eq ''Ávila'') -and $_.unidades -gt 5',
        '$_.poblacion -eq ''Madrid'' -or $_.poblacion -eq ''Ávila'' -and $_.unidades -gt 5',
        '-not ($_.nombre -like ''c*'' -or $_.nombre -eq $null) -and $_.activo -eq 0',
        '$_.codigo -like ''4300001??''', '$_.codigo -in $someCodes', '$_.poblacion -in $towns'
    ) {
        $since = [datetime]'2024-01-01'
        $leap = [datetime]'2024-02-29'
        $yearEnd = [datetime]'2023-12-31 23:59:59'
        $someCodes = '430000001', '430000150', '430000300', 'none'
        $towns = @('A Coruña', 'Logroño')
        $expected = @($All | Where-Object ([scriptblock]::Create($_))).Key
        $actual = @(Get-SyncPreview T -Filter $_).Key
        $actual | Should -Be $expected
    }

    It 'read the rows it compares' {
        $All.Count | Should -Be 300
    }
}

Describe 'A filter that uses $env:NAME' {
    AfterEach { Remove-Item Env:OFISYNC_TEST_TOWN -ErrorAction SilentlyContinue }

    It 'reads the environment variable when the filter is given, as Where-Object reads it' {
        $env:OFISYNC_TEST_TOWN = 'Ávila'
        $expected = @($All | Where-Object { $_.poblacion -eq $env:OFISYNC_TEST_TOWN }).Key
        $expected.Count | Should -BeGreaterThan 0
        @(Get-SyncPreview T -Filter { poblacion -eq $env:OFISYNC_TEST_TOWN }).Key | Should -Be $expected
        Set-SyncLine T -Filter { poblacion -eq $env:OFISYNC_TEST_TOWN }
        try {
            # The line keeps the value, not the variable: a later change of the variable does not change the line.
            (Get-SyncLine T).Filter | Should -Be "poblacion -eq 'Ávila'"
            $env:OFISYNC_TEST_TOWN = 'Madrid'
            @(Get-SyncPreview T).Key | Should -Be $expected
        }
        finally { Set-SyncLine T -Filter $null }
    }

    It 'refuses one that is not set, saying what to do, and keeps the line as it was' {
        Set-SyncLine T -Filter { poblacion -eq $env:OFISYNC_TEST_TOWN } -ErrorVariable e -ErrorAction SilentlyContinue
        $e.Count | Should -Be 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'FilterInvalid*'
        $e[0].TargetObject | Should -Be 'T'
        $e[0].Exception.Message | Should -Match 'The environment variable \$env:OFISYNC_TEST_TOWN is not set\. Set it before giving the filter'
        (Get-SyncLine T).Filter | Should -BeNullOrEmpty
        { Get-SyncPreview T -Filter { poblacion -eq $env:OFISYNC_TEST_TOWN } } | Should -Throw '*$env:OFISYNC_TEST_TOWN is not set*'
    }
}
