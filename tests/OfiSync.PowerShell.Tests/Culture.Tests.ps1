BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    $script:ModulePath = Get-OfiSyncModulePath
}

Describe 'A sync in a session whose culture has another calendar' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'thai'
        New-Item -ItemType Directory $folder -Force | Out-Null
        $script:Erp = Join-Path $folder 'erp.db'
        $script:Crm = Join-Path $folder 'crm.db'
        $script:Store = Join-Path $folder 'store.db'
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$Erp;Mode=ReadWriteCreate" -Confirm:$false -Query @'
CREATE TABLE cliente (codigo TEXT PRIMARY KEY, razon_social TEXT NOT NULL, alta DATE, modificado DATETIME, saldo NUMERIC);
INSERT INTO cliente VALUES ('C1', 'Uno', '2025-03-01', '2025-03-01 00:00:00', 100.25), ('C2', 'Dos', '2024-12-31', '2024-12-31 23:59:59', 2000),
  ('C3', 'Tres', '2023-06-15', '2023-06-15 08:00:00', 50);
CREATE TABLE factura (serie TEXT, numero INTEGER, fecha TEXT, cliente_codigo TEXT, total NUMERIC, PRIMARY KEY (serie, numero));
INSERT INTO factura VALUES ('A', 1, '2025-02-01', 'C1', 500), ('A', 2, '2025-03-01', 'C2', 300);
'@
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$Crm;Mode=ReadWriteCreate" -Confirm:$false -Query @'
CREATE TABLE cuenta (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT UNIQUE NOT NULL, razon_social TEXT NOT NULL, alta DATE,
  modificado DATETIME, alta_texto TEXT, saldo NUMERIC);
CREATE TABLE cuenta_ventas (cuenta_id INTEGER PRIMARY KEY, ejercicio INTEGER, ventas_actual NUMERIC);
'@
        # A real sync in a new pwsh whose culture is Thai (Buddhist calendar: 2025 is 2568), as a Thai user's machine runs it.
        $script:Child = Invoke-ChildPwsh -Environment @{ LC_ALL = 'th_TH.UTF-8'; LANG = 'th_TH.UTF-8'; OFISYNC_STORE = $Store } @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
"culture=`$((Get-Culture).Name) year=`$(([datetime]'2025-03-01').ToString('yyyy'))"
New-SyncConnection ERP Sqlite 'Data Source=$Erp' | Out-Null
New-SyncConnection CRM Sqlite 'Data Source=$Crm' | Out-Null
New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -Map @{
    codigo = 'codigo'; razon_social = 'razon_social'; alta = 'alta'; modificado = 'modificado'; alta_texto = 'alta'; saldo = 'saldo'
} -Filter { alta -ge [datetime]'2024-01-01' -and saldo -ge '100.25' } | Out-Null
`$results = @(Invoke-OfiSync -Force)
"written=`$((`$results | Where-Object Status -eq 'Succeeded').Count)"
"again=`$(@(Invoke-OfiSync -Force).Count)"
# Dates given as text to the cmdlets, as a script or a scheduled task gives them.
New-SyncLine Ventas -Source ERP -Target CRM -TargetTable cuenta_ventas -DependsOn Clientes -SalesStatistics @{
    From = 'Invoices'; Table = 'factura'; Customer = 'cliente_codigo'; Date = 'fecha'; Amount = 'total'; CustomerLine = 'Clientes'
} -Map @{ cuenta_id = @{ FromLine = 'Clientes' }; ejercicio = 'fiscal_year'; ventas_actual = 'sales_current' } | Out-Null
"asof=`$((Get-SyncPreview Ventas -AsOf '2025-06-30').ejercicio -join ',')"
"since=`$(@(Get-SyncRun -Since '2500-01-01').Count),`$(@(Get-SyncRun -Since '2001-01-01').Count)"
"@
    }

    It 'runs under th-TH' {
        $Child.Output -join "`n" | Should -Match 'culture=th-TH year=2568'
        $Child.ExitCode | Should -Be 0
    }

    It 'writes the Gregorian dates of the source into the CRM, each column in its own form, and the filter keeps the same rows' {
        $Child.Output | Should -Contain 'written=2'
        $rows = @(Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$Crm" -Query 'SELECT codigo, alta, modificado, alta_texto, saldo FROM cuenta ORDER BY codigo')
        $rows.Count | Should -Be 2
        $rows[0].codigo | Should -Be 'C1'
        $rows[0].alta | Should -BeExactly '2025-03-01'
        $rows[0].modificado | Should -BeExactly '2025-03-01 00:00:00'
        $rows[0].alta_texto | Should -BeExactly '2025-03-01'
        $rows[0].saldo | Should -Be 100.25
        $rows[1].codigo | Should -Be 'C2'
        $rows[1].alta | Should -BeExactly '2024-12-31'
        $rows[1].modificado | Should -BeExactly '2024-12-31 23:59:59'
    }

    It 'reads the dates given to -AsOf and -Since as PowerShell reads [datetime]''2025-06-30'', whatever the culture' {
        # Bound with the culture, '2025-06-30' would be the Buddhist year 2025 (1482), and '2500-01-01' the year 1957.
        $Child.Output | Should -Contain 'asof=2025,2025'
        $Child.Output | Should -Contain 'since=0,2'
    }

    It 'finds nothing to send the second time, and keeps the run dates in the Gregorian calendar' {
        $Child.Output | Should -Contain 'again=0'
        $started = @(Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$Store" -Query 'SELECT started, ended FROM ofisync_run')
        $started.Count | Should -Be 2
        foreach ($run in $started) {
            $run.started | Should -Match "^$((Get-Date).ToUniversalTime().Year)-\d\d-\d\d \d\d:\d\d:\d\d"
            $run.ended | Should -Match "^$((Get-Date).ToUniversalTime().Year)-\d\d-\d\d \d\d:\d\d:\d\d"
        }
    }
}

Describe 'A session whose culture has case rules of its own (tr-TR: I and i are not a pair)' {
    BeforeAll {
        $folder = Join-Path $TestDrive 'turkish'
        New-Item -ItemType Directory $folder -Force | Out-Null
        $erp = Join-Path $folder 'erp.db'
        $crm = Join-Path $folder 'crm.db'
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erp;Mode=ReadWriteCreate" -Confirm:$false -Query @'
CREATE TABLE cliente (codigo TEXT PRIMARY KEY, ciudad TEXT);
INSERT INTO cliente VALUES ('C1', 'ISTANBUL'), ('C2', 'izmir'), ('C3', 'ılıca'), ('C4', 'Ankara');
'@
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crm;Mode=ReadWriteCreate" -Confirm:$false -Query 'CREATE TABLE cuenta (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT UNIQUE NOT NULL, ciudad TEXT)'
        $script:Turkish = Invoke-ChildPwsh -Environment @{ LC_ALL = 'tr_TR.UTF-8'; LANG = 'tr_TR.UTF-8'; OFISYNC_STORE = (Join-Path $folder 'store.db') } @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
"culture=`$((Get-Culture).Name) powershell=`$('ISTANBUL' -like 'i*')"
New-SyncConnection ERP Sqlite 'Data Source=$erp' | Out-Null
New-SyncConnection CRM Sqlite 'Data Source=$crm' | Out-Null
New-SyncLine Istanbul -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -Map @{ codigo = 'codigo'; ciudad = 'ciudad' } | Out-Null
"preview=`$((Get-SyncPreview Istanbul -Filter { ciudad -like 'i*' }).Key -join ',')"
Invoke-OfiSync Istanbul -Force | Out-Null
"runs=`$(@(Get-SyncRun -Line istanbul -ErrorAction SilentlyContinue).Count)"
`$typed = 'Get-SyncRun -Line ist'
"complete=`$((TabExpansion2 `$typed `$typed.Length).CompletionMatches.CompletionText -join ',')"
"@
    }

    It 'runs under tr-TR, where PowerShell''s own -like differs from the invariant culture' {
        $Turkish.Output | Should -Contain 'culture=tr-TR powershell=False'
        $Turkish.ExitCode | Should -Be 0
    }

    It 'selects the rows a filter''s -like selects on any other machine' {
        $Turkish.Output | Should -Contain 'preview=C1,C2'
    }

    It 'finds a line''s runs and completes its name whatever the case typed' {
        $Turkish.Output | Should -Contain 'runs=1'
        $Turkish.Output | Should -Contain 'complete=Istanbul'
    }
}

Describe 'The demo data made in a session whose culture has another calendar' {
    It 'dates the demo ERP''s invoices in the Gregorian calendar, up to the -AsOf day' {
        $erp = Join-Path $TestDrive 'demo-thai.db'
        $demo = Join-Path (Get-RepositoryRoot) 'examples/DemoData.psm1'
        $r = Invoke-ChildPwsh -Environment @{ LC_ALL = 'th_TH.UTF-8'; LANG = 'th_TH.UTF-8' } @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
Import-Module '$demo'
New-DemoErp -Path '$erp' -Customers 30 -AsOf ([datetime]::new(2025, 6, 30)) | Out-Null
"culture=`$((Get-Culture).Name)"
"@
        $r.Output | Should -Contain 'culture=th-TH'
        $range = Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erp" -Query 'SELECT MIN(fecha) AS desde, MAX(fecha) AS hasta, COUNT(*) AS n FROM factura'
        $range.n | Should -BeGreaterThan 0
        $range.desde | Should -BeGreaterOrEqual '2023-01-01'
        $range.hasta | Should -BeLessOrEqual '2025-06-30'
    }
}

Describe 'The scheduled-task example run by an account whose culture has another calendar' {
    It 'logs its times and names its failure file in the Gregorian calendar' {
        $logs = Join-Path $TestDrive 'thai-logs'
        $script = Join-Path (Get-RepositoryRoot) 'examples/03-scheduled-task.ps1'
        $r = Invoke-ChildPwsh -Environment @{ LC_ALL = 'th_TH.UTF-8'; LANG = 'th_TH.UTF-8' } @"
& '$script' -ModulePath '$ModulePath' -Customers 40 -BreakOneRow -LogFolder '$logs' *>&1 | ForEach-Object { "`$_" }
exit `$LASTEXITCODE
"@
        $text = $r.Output -join "`n"
        $r.ExitCode | Should -Be 1 -Because $text
        $year = (Get-Date).Year
        $text | Should -Match "(?m)^OfiSync run started $year-\d\d-\d\d \d\d:\d\d:\d\d "
        $text | Should -Match "(?m)^OfiSync run ended $year-\d\d-\d\d \d\d:\d\d:\d\d, exit code 1$"
        @(Get-ChildItem $logs -Filter "failures-$year*.csv").Count | Should -Be 1 -Because $text
    }
}

Describe 'A date given as text that is not a date' {
    It 'stops the command with an error that says how to write it, and nothing runs' {
        $env:OFISYNC_STORE = Join-Path $TestDrive 'bad-date-store.db'
        try {
            { Get-SyncRun -Since 'yesterday' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ParameterArgumentTransformationError,OfiSync.PowerShell.Commands.GetSyncRunCommand' -ExpectedMessage "*'yesterday' is not a date. Write it year first, such as '2025-06-30'*"
            { Invoke-OfiSync -AsOf '31/12/2025' -WhatIf -ErrorAction Stop } | Should -Throw -ExpectedMessage "*'31/12/2025' is not a date*"
        }
        finally { Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue }
    }
}

Describe 'Messages in the user''s language (the UI culture of the session)' {
    BeforeAll {
        # One child pwsh per UI culture (read per thread, so it is set in the session that runs the cmdlets), each with
        # its own ERP, CRM and store: the same sync, the same failed row, the same refused filter.
        function Invoke-InLanguage([string] $Culture) {
            $folder = Join-Path $TestDrive "language-$Culture"
            New-Item -ItemType Directory $folder -Force | Out-Null
            $erp = Join-Path $folder 'erp.db'
            $crm = Join-Path $folder 'crm.db'
            Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erp;Mode=ReadWriteCreate" -Confirm:$false -Query @'
CREATE TABLE cliente (codigo TEXT PRIMARY KEY, nombre TEXT, saldo NUMERIC, alta DATE);
INSERT INTO cliente VALUES ('C1', 'Uno', 1234.5, '2025-03-01'), ('C2', NULL, 10, '2025-03-02'), ('C3', 'Tres', 0.25, '2024-12-31');
'@
            Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crm;Mode=ReadWriteCreate" -Confirm:$false -Query @'
CREATE TABLE cuenta (id INTEGER PRIMARY KEY AUTOINCREMENT, codigo TEXT UNIQUE NOT NULL, nombre TEXT NOT NULL, saldo NUMERIC, alta DATE, saldo_texto TEXT);
'@
            $r = Invoke-ChildPwsh -Environment @{ OFISYNC_STORE = (Join-Path $folder 'store.db') } @"
[System.Globalization.CultureInfo]::CurrentUICulture = '$Culture'
[System.Globalization.CultureInfo]::CurrentCulture = '$Culture'
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
New-SyncConnection ERP Sqlite 'Data Source=$erp' | Out-Null
New-SyncConnection CRM Sqlite 'Data Source=$crm' | Out-Null
New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -Map @{
    codigo = 'codigo'; nombre = 'nombre'; saldo = 'saldo'; alta = 'alta'; saldo_texto = 'saldo' } -WarningAction SilentlyContinue | Out-Null
Invoke-OfiSync Clientes -WhatIf
try { Get-SyncPreview Clientes -Filter "nombre -eq 'Uno'; saldo -gt 1" -ErrorAction Stop } catch { 'filter=' + (`$_.Exception.Message -replace '\r?\n', '|') }
`$results = @(Invoke-OfiSync Clientes -Force -ErrorAction SilentlyContinue -ErrorVariable failures)
'failed=' + @(`$results | Where-Object Status -eq 'Failed').Count + ' succeeded=' + @(`$results | Where-Object Status -eq 'Succeeded').Count
`$row = @(`$failures | Where-Object { `$_.FullyQualifiedErrorId -like 'RowFailed,*' })[0]
'error=' + `$row.Exception.Message
'action=' + `$row.ErrorDetails.RecommendedAction
'history=' + (Get-SyncRunResult -LastSync -Status Failed).Error
Set-SyncLine Clientes -Enabled:`$false
Invoke-OfiSync Clientes -Force -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
'warning=' + `$warned[0]
"@
            $rows = Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crm" -Query 'SELECT id, codigo, nombre, saldo, alta, saldo_texto FROM cuenta ORDER BY id' |
                ForEach-Object { ($_.PSObject.Properties.Value | ForEach-Object { [string]$_ }) -join ' | ' }
            [pscustomobject]@{ ExitCode = $r.ExitCode; Output = $r.Output; Text = $r.Output -join "`n"; Rows = @($rows) }
        }
        $script:Spanish = Invoke-InLanguage 'es-ES'
        $script:English = Invoke-InLanguage 'en-US'
        $script:French = Invoke-InLanguage 'fr-FR'
        function Get-Said($Run, [string] $Name) { @($Run.Output | Where-Object { $_.StartsWith("$Name=") } | ForEach-Object { $_.Substring($Name.Length + 1) })[0] }
    }

    It 'runs the same sync in each language: one row failed, two written' {
        foreach ($run in $Spanish, $English, $French) {
            $run.ExitCode | Should -Be 0 -Because $run.Text
            Get-Said $run 'failed' | Should -Be '1 succeeded=2' -Because $run.Text
        }
    }

    It 'says a failed row''s error and what to do in Spanish under es-ES, in English under en-US and fr-FR' {
        Get-Said $Spanish 'error' | Should -BeLike "Línea 'Clientes', clave 'C2': *NOT NULL*"
        Get-Said $Spanish 'action' | Should -BeLike 'Corrija la fila en el origen*Get-SyncRunResult -LastSync -Status Failed las muestra.'
        Get-Said $English 'error' | Should -BeLike "Line 'Clientes', key 'C2': *NOT NULL*"
        Get-Said $English 'action' | Should -BeLike 'Correct the row in the source*Get-SyncRunResult -LastSync -Status Failed lists them.'
        Get-Said $French 'error' | Should -Be (Get-Said $English 'error')
        Get-Said $French 'action' | Should -Be (Get-Said $English 'action')
    }

    It 'warns in the user''s language' {
        Get-Said $Spanish 'warning' | Should -BeLike "La línea 'Clientes' está desactivada: actívela con Set-SyncLine -Enabled*"
        Get-Said $English 'warning' | Should -BeLike "The line 'Clientes' is disabled: enable it with Set-SyncLine -Enabled*"
        Get-Said $French 'warning' | Should -Be (Get-Said $English 'warning')
    }

    It 'asks (-WhatIf) in the user''s language' {
        $Spanish.Text | Should -Match ([regex]::Escape('"Sincronizar" on target "insertar 3, actualizar 0, borrar 0 filas de la línea ''Clientes'' en CRM.cuenta"'))
        $English.Text | Should -Match ([regex]::Escape('"Synchronise" on target "insert 3, update 0, delete 0 rows of line ''Clientes'' into CRM.cuenta"'))
        $French.Text | Should -Match ([regex]::Escape('"Synchronise" on target "insert 3, update 0, delete 0 rows of line'))
    }

    It 'refuses a filter in the user''s language, with its caret under the same character' {
        $es = (Get-Said $Spanish 'filter') -split '\|'
        $en = (Get-Said $English 'filter') -split '\|'
        $es[0] | Should -Be "No se admite ';': un filtro es una condición, no una lista de instrucciones."
        $en[0] | Should -Be "';' is not allowed: a filter is one condition, not a list of statements."
        $es[1..2] | Should -Be $en[1..2]
        $en[2].IndexOf('^') - 2 | Should -Be "nombre -eq 'Uno'; saldo -gt 1".IndexOf(';')
        Get-Said $French 'filter' | Should -Be (Get-Said $English 'filter')
    }

    It 'writes the same CRM rows and stores the same English history whatever the language' {
        $Spanish.Rows.Count | Should -Be 2
        $Spanish.Rows | Should -Be $English.Rows
        $French.Rows | Should -Be $English.Rows
        Get-Said $Spanish 'history' | Should -Be (Get-Said $English 'history')
        Get-Said $Spanish 'history' | Should -BeLike '*NOT NULL*'
    }
}
