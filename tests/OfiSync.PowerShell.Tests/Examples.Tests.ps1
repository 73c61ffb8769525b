# The scripts of examples/ run end to end, each in a fresh pwsh, against the built module: demo.ps1 (what
# ./build.sh demo runs) and the numbered examples. 04 needs OFISYNC_TEST_POSTGRES; 05 needs a SQL Server and is
# only parsed and checked for the parameters it gives the cmdlets.

BeforeDiscovery {
    $examples = @(Get-ChildItem (Join-Path $PSScriptRoot '../../examples') -Filter *.ps1 | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
    $noPostgres = -not $env:OFISYNC_TEST_POSTGRES
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-OfiSyncModulePath
    $script:Examples = Join-Path (Get-RepositoryRoot) 'examples'
    Import-Module $ModulePath -Force
    Import-Module (Join-Path $Examples 'DemoData.psm1') -Force

    # Runs examples/<Name> in a new pwsh with the built module and returns its exit code and output lines (every
    # stream, Write-Host included, so that nothing goes to the console of the suite). A script that throws instead
    # of exiting gives exit code 99 and the error in the output. $Before and $After run in the same pwsh, before and
    # after the script.
    function script:Invoke-Example([string] $Name, [string] $Arguments = '', [hashtable] $Environment = @{}, [string] $After = '', [string] $Before = '') {
        $script = Join-Path $Examples $Name
        Invoke-ChildPwsh -Environment $Environment @"
$Before
`$global:LASTEXITCODE = 0
try { & '$script' -ModulePath '$ModulePath' $Arguments *>&1 | ForEach-Object { "`$_" -split "``n" } } catch { "THROWN: `$_"; exit 99 }
`$code = `$LASTEXITCODE
$After
exit `$code
"@
    }
    function script:Show-Output($Result) { $Result.Output -join "`n" }
}

Describe 'demo.ps1' {
    BeforeAll {
        $script:DemoFolder = Join-Path $TestDrive 'demo folder'
        # A store the demo must not touch: it stands for the user's default one.
        $script:UserStore = Join-Path $TestDrive 'user-store.db'
        # -Language en: the checks below read the English narration, whatever the UI culture of the machine.
        $script:Demo = Invoke-Example demo.ps1 "-Customers 300 -WorkFolder '$DemoFolder' -Keep -Language en" -Environment @{ OFISYNC_STORE = $UserStore } -After "'OFISYNC_STORE after: ' + `$env:OFISYNC_STORE"
        $script:Text = Show-Output $Demo
    }

    It 'runs to the end with exit code 0, without an error or a stack trace' {
        $Demo.ExitCode | Should -Be 0 -Because $Text
        $Text | Should -Match 'Demo finished in'
        $Text | Should -Not -Match 'The demo stopped|THROWN|Exception|at <ScriptBlock>|\bLine \|'
    }

    It 'uses a store of its own and leaves OFISYNC_STORE as it was' {
        $UserStore | Should -Not -Exist
        $Demo.Output | Should -Contain "OFISYNC_STORE after: $UserStore"
        Join-Path $DemoFolder 'store.db' | Should -Exist
    }

    It 'creates the ERP in SQL: 300 customers, three years of invoices with credit notes' {
        $Text | Should -Match 'ERP: 300 customers \(\d+ active\), [\d,]+ invoices and credit notes from \d{4}-01-01'
        $erp = Join-Path $DemoFolder 'erp.db'
        $span = Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erp;Mode=ReadOnly" -Query "SELECT MIN(fecha) AS desde, MAX(fecha) AS hasta, SUM(total < 0) AS abonos FROM factura"
        $span.desde | Should -BeLike "$((Get-Date).Year - 2)-01-*"
        $span.hasta | Should -BeLessOrEqual (Get-Date -Format 'yyyy-MM-dd')
        $span.abonos | Should -BeGreaterThan 0
    }

    It 'previews, applies picked rows, then runs everything' {
        $Text | Should -Match 'provincia +\d+ +0 +\d+ distinct, .+ \(\d+\)'   # the filter helper's profile
        $Text | Should -Match 'Picked and sent: \d+ customers of La Rioja'
        $Text | Should -Match 'First full run: [\d,]+ rows sent'
        $Text | Should -Match 'Legend: ✔ Succeeded'
        $Text | Should -Match 'Clientes Incremental Succeeded +\d+ +0 +0 +0 +0 +\d+ +0'   # the -Summary of the run that finds nothing
    }

    It 'sends exactly the changed customers in the incremental run' {
        $line = $Demo.Output | Where-Object { $_ -like 'Incremental run:*' }
        $line | Should -Match '^Incremental run: 5 rows sent'
        $crm = Join-Path $DemoFolder 'crm.db'
        $erp = Join-Path $DemoFolder 'erp.db'
        # The 4 changed customers and the new one: the ERP rows modified today.
        $changed = Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erp;Mode=ReadOnly" -Query "SELECT codigo FROM cliente WHERE codigo = '439999001' OR razon_social = 'Peñalver e Hijos, S.L.' OR telefono = '915550123' OR poblacion = 'Alcalá de Henares' AND cp = '28801'"
        $keys = ($line -replace '^.*customers: ', '').TrimEnd('.') -split ', '
        $keys | Should -Contain '439999001'
        foreach ($c in $changed.codigo) { $keys | Should -Contain $c }
        (Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$crm;Mode=ReadOnly" -Query "SELECT COUNT(*) AS n FROM cuenta WHERE estado = 'Inactivo'").n | Should -Be 1
    }

    It 'shows one row failing with its error, then sent once fixed' {
        $Text | Should -Match 'Status : Failed'
        $Text | Should -Match 'UNIQUE constraint failed: cuenta\.nif'
        $Text | Should -Match 'Failed rows: 1; errors collected by -ErrorVariable: 1 \(RowFailed\)'
        $Text | Should -Match 'After the fix: 1 row sent \(\d+\), status Succeeded'
        $Text | Should -Match 'CompletedWithErrors'
    }

    It 'writes the sales statistics and the pyramid, and nothing more when repeated for the same day' {
        $Text | Should -Match "customers' figures written\. [\d,]+ Skipped"
        $Text | Should -Match '(?m)^Top +\d+ '
        $Text | Should -Match 'Same day, same figures: 0 rows written'
    }

    It 'refuses a store that already holds lines, saying so in one line' {
        $r = Invoke-Example demo.ps1 "-Customers 50 -Language en -WorkFolder '$(Join-Path $TestDrive 'second')' -StorePath '$(Join-Path $DemoFolder 'store.db')'"
        $r.ExitCode | Should -Be 1
        (Show-Output $r) | Should -Match 'The demo stopped: The store .* already holds sync lines'
    }
}

Describe 'demo.ps1 in Spanish' {
    BeforeAll {
        # No -Language: a session whose UI culture is Spanish gets the Spanish narration.
        $script:EsFolder = Join-Path $TestDrive 'demo es'
        $script:EsDemo = Invoke-Example demo.ps1 "-Customers 300 -WorkFolder '$EsFolder'" -Before "[cultureinfo]::CurrentUICulture = 'es-ES'"
        $script:EsText = Show-Output $EsDemo
    }

    It 'narrates in Spanish under a Spanish UI culture, with the same runs and results' {
        $EsDemo.ExitCode | Should -Be 0 -Because $EsText
        $EsText | Should -Match '== 1\. Un ERP con 300 clientes y un CRM vacío'
        $EsText | Should -Match 'Vista previa: lo que escribiría una ejecución'
        $EsText | Should -Match '(?m)^Ejecución incremental: 5 filas enviadas de'
        $EsText | Should -Match 'Filas fallidas: 1; errores recogidos por -ErrorVariable: 1 \(RowFailed\)'
        $EsText | Should -Match 'Mismo día, mismas cifras: 0 filas escritas'
        $EsText | Should -Match 'Demostración terminada en'
        # The commands shown and the status values stay as they are: they are code.
        $EsText | Should -Match 'PS> Invoke-OfiSync -Force'
        $EsText | Should -Match '✔ Succeeded'
        $EsText | Should -Not -Match 'Demo finished in|Incremental run:|The demo stopped|La demostración se detuvo|THROWN'
    }

    It 'has the same keys and placeholders in every language of its text table' {
        $tables = Import-PowerShellDataFile (Join-Path $Examples 'DemoText.psd1')
        $keys = @($tables.en.Keys | Sort-Object)
        foreach ($language in $tables.Keys) {
            @($tables[$language].Keys | Sort-Object) | Should -Be $keys -Because "DemoText.psd1 '$language' has the keys of 'en'"
            foreach ($k in $keys) {
                $placeholders = { param($t) @([regex]::Matches($t, '\{(\d+)') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique) }
                (& $placeholders $tables[$language][$k]) | Should -Be (& $placeholders $tables.en[$k]) -Because "'$language'.$k has the placeholders of 'en'"
            }
        }
    }
}

Describe 'examples/01-first-sync.ps1' {
    It 'syncs once, then sends nothing the second time' {
        $r = Invoke-Example 01-first-sync.ps1
        $r.ExitCode | Should -Be 0 -Because (Show-Output $r)
        $r.Output | Should -Contain 'First run: 200 rows sent. Second run: 0 rows sent.'
    }
}

Describe 'examples/02-preview-and-pick.ps1' {
    It 'applies exactly the picked rows, without the columns left out' {
        $r = Invoke-Example 02-preview-and-pick.ps1
        $r.ExitCode | Should -Be 0 -Because (Show-Output $r)
        $picked = $r.Output | Where-Object { $_ -match '^Picked: (\d+) rows' } | ForEach-Object { [int]$Matches[1] }
        $picked | Should -BeGreaterThan 0
        $r.Output | Where-Object { $_ -like 'Provinces: *' } | Should -Match '^Provinces: \d+ distinct, \S.* \(\d+\)'
        $r.Output | Should -Contain "Applied $picked rows. The CRM holds $picked cuentas, 0 with a telephone."
    }
}

Describe 'examples/03-scheduled-task.ps1' {
    Context 'on a store of its own (-Store)' {
        BeforeAll {
            $folder = Join-Path $TestDrive 'scheduled'
            New-Item -ItemType Directory $folder | Out-Null
            $script:Erp = Join-Path $folder 'erp.db'
            $script:Store = Join-Path $folder 'store.db'
            $script:Csv = Join-Path $folder 'failures.csv'
            New-DemoErp -Path $Erp -Customers 100 | Out-Null
            New-DemoCrm -Path (Join-Path $folder 'crm.db') | Out-Null
            Initialize-DemoStore -ErpPath $Erp -CrmPath (Join-Path $folder 'crm.db') -Store $Store | Out-Null
            function script:Erp([string] $Sql) { Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$Erp" -Query $Sql -Confirm:$false }
            $script:Active = Erp "SELECT codigo, nif FROM cliente WHERE activo = 1 ORDER BY codigo LIMIT 2"
        }

        It 'exits 0 when no row failed, and writes no CSV' {
            $r = Invoke-Example 03-scheduled-task.ps1 "-Store '$Store' -FailureCsv '$Csv'"
            $r.ExitCode | Should -Be 0 -Because (Show-Output $r)
            (Show-Output $r) | Should -Match '(?m), exit code 0$'
            $Csv | Should -Not -Exist
        }

        It 'exits 1 when a row failed, and the CSV holds that row with its error' {
            Erp "UPDATE cliente SET nif = '$($Active[0].nif)' WHERE codigo = '$($Active[1].codigo)'"
            $r = Invoke-Example 03-scheduled-task.ps1 "-Store '$Store' -FailureCsv '$Csv'"
            $r.ExitCode | Should -Be 1 -Because (Show-Output $r)
            $rows = @(Import-Csv $Csv)
            $rows.Count | Should -Be 1
            $rows[0].Line | Should -Be 'Clientes'
            $rows[0].Key | Should -Be $Active[1].codigo
            $rows[0].Error | Should -Match 'UNIQUE'
        }

        It 'exits 0 again once the row is fixed, and removes the CSV of the failed run' {
            Erp "UPDATE cliente SET nif = '$($Active[1].nif)' WHERE codigo = '$($Active[1].codigo)'"
            $r = Invoke-Example 03-scheduled-task.ps1 "-Store '$Store' -FailureCsv '$Csv'"
            $r.ExitCode | Should -Be 0 -Because (Show-Output $r)
            (Show-Output $r) | Should -Match 'Clientes +Succeeded +\d+ +0 +1 '
            $Csv | Should -Not -Exist
        }

        It 'exits 2 when a line cannot run at all, naming the reason' {
            Erp 'ALTER TABLE cliente RENAME COLUMN nif TO cif'
            try {
                $r = Invoke-Example 03-scheduled-task.ps1 "-Store '$Store' -FailureCsv '$Csv'"
                $r.ExitCode | Should -Be 2 -Because (Show-Output $r)
                (Show-Output $r) | Should -Match "ERROR: .*'nif'"
            }
            finally { Erp 'ALTER TABLE cliente RENAME COLUMN cif TO nif' }
        }

        It 'exits 3 when a line is held by another run (LineLocked), the other lines running' {
            # The lock another process would hold on the Clientes line of this SQLite store: its lock file, opened exclusively.
            $id = (Get-SyncLine Clientes -Store $Store).Id.ToString('N')
            New-Item -ItemType Directory "$Store.locks" -Force | Out-Null
            $held = [IO.FileStream]::new((Join-Path "$Store.locks" "$id.lock"), 'OpenOrCreate', 'ReadWrite', 'None')
            try {
                $r = Invoke-Example 03-scheduled-task.ps1 "-Store '$Store' -FailureCsv '$Csv' -LockTimeout 0"
                $r.ExitCode | Should -Be 3 -Because (Show-Output $r)
                (Show-Output $r) | Should -Match "SKIPPED: Another run of the line 'Clientes'"
                (Show-Output $r) | Should -Match 'Sectores +Succeeded'
            }
            finally { $held.Dispose() }
        }
    }

    It 'exits 1 on its scratch demo with -BreakOneRow' {
        $csv = Join-Path $TestDrive 'demo-failures.csv'
        $r = Invoke-Example 03-scheduled-task.ps1 "-BreakOneRow -FailureCsv '$csv'"
        $r.ExitCode | Should -Be 1 -Because (Show-Output $r)
        @(Import-Csv $csv).Count | Should -Be 1
    }
}

Describe 'examples/04-postgresql.ps1' -Skip:$noPostgres {
    It 'syncs into a PostgreSQL database of its own, sends the two changes, and drops the database' {
        $r = Invoke-Example 04-postgresql.ps1 '-Customers 200'
        $text = Show-Output $r
        $r.ExitCode | Should -Be 0 -Because $text
        $text | Should -Match 'Clientes +Succeeded +\d+ +\d+ +0 +0'
        $r.Output | Should -Contain 'Second run: 2 rows sent to PostgreSQL.'
        $database = $r.Output | Where-Object { $_ -match '^Created the database (\w+)\.' } | ForEach-Object { $Matches[1] }
        $database | Should -Not -BeNullOrEmpty
        $r.Output | Should -Contain "Dropped the database $database."
        (Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query 'SELECT COUNT(*) AS n FROM pg_database WHERE datname = @d' -Parameters @{ d = $database }).n | Should -Be 0
    }
}

Describe 'The example scripts as code' {
    It '<Name> parses' -ForEach $examples {
        $errors = $null
        [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$errors) | Out-Null
        $errors | Should -BeNullOrEmpty
    }

    It '<Name> gives the OfiSync cmdlets only parameters they have' -ForEach $examples {
        $module = Get-Module OfiSync
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$null)
        $unknown = foreach ($use in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $name = $use.GetCommandName()
            if (-not $name -or -not $module.ExportedCmdlets.ContainsKey($name)) { continue }
            $parameters = $module.ExportedCmdlets[$name].Parameters
            $known = @($parameters.Keys) + @($parameters.Values | ForEach-Object { $_.Aliases })
            foreach ($p in $use.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                if ($p.ParameterName -notin $known) { "$name -$($p.ParameterName) (line $($p.Extent.StartLineNumber))" }
            }
        }
        $unknown | Should -BeNullOrEmpty
    }
}

Describe 'DemoData.psm1' {
    BeforeAll {
        $script:Small = Join-Path $TestDrive 'small-erp.db'
        $script:Info = New-DemoErp -Path $Small -Customers 400 -AsOf '2025-06-30'
        function script:Small([string] $Sql) { Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$Small;Mode=ReadOnly" -Query $Sql }
    }

    It 'gives every customer a unique, valid-looking NIF or CIF (or an EU VAT number abroad)' {
        $rows = Small 'SELECT codigo, nif, pais FROM cliente'
        $rows.Count | Should -Be 400
        @($rows.nif | Sort-Object -Unique).Count | Should -Be 400
        $invalid = foreach ($r in $rows) {
            $ok = if ($r.pais -ne 'ES') { $r.nif -match "^$($r.pais)\d{9}$" }
            elseif ($r.nif -match '^(\d{8})([A-Z])$') { $Matches[2] -ceq 'TRWAGMYFPDXBNJZSQVHLCKE'[[int]$Matches[1] % 23] }
            elseif ($r.nif -match '^[AB]\d{8}$') {
                # CIF control digit: the digits in even places, plus the digit sums of twice those in odd places.
                $d = $r.nif.Substring(1, 7).ToCharArray() | ForEach-Object { [int]"$_" }
                $sum = $d[1] + $d[3] + $d[5]
                foreach ($i in 0, 2, 4, 6) { $x = 2 * $d[$i]; $sum += [math]::Floor($x / 10) + $x % 10 }
                [int]"$($r.nif[8])" -eq (10 - $sum % 10) % 10
            }
            else { $false }
            if (-not $ok) { "$($r.codigo) $($r.pais) $($r.nif)" }
        }
        $invalid | Should -BeNullOrEmpty
    }

    It 'writes Spanish text with accents and ñ, and foreign keys that hold' {
        (Small "SELECT COUNT(*) AS n FROM cliente WHERE razon_social LIKE '%ñ%' OR poblacion LIKE '%á%' OR poblacion LIKE '%ó%'").n | Should -BeGreaterThan 0
        (Small 'SELECT COUNT(*) AS n FROM cliente c LEFT JOIN sector s ON s.codigo = c.sector_codigo WHERE c.sector_codigo IS NOT NULL AND s.codigo IS NULL').n | Should -Be 0
        (Small 'SELECT COUNT(*) AS n FROM cliente c LEFT JOIN vendedor v ON v.codigo = c.vendedor_codigo WHERE v.codigo IS NULL').n | Should -Be 0
        (Small 'SELECT COUNT(*) AS n FROM factura f LEFT JOIN cliente c ON c.codigo = f.cliente_codigo WHERE c.codigo IS NULL').n | Should -Be 0
    }

    It 'writes invoices from 1 January two years before -AsOf up to -AsOf, credit notes negative' {
        $Info.Invoices | Should -BeGreaterThan 1000
        $span = Small "SELECT MIN(fecha) AS desde, MAX(fecha) AS hasta, SUM(serie LIKE 'R%' AND total >= 0) AS abonos_positivos, SUM(serie LIKE 'R%') AS abonos FROM factura"
        $span.desde | Should -BeLike '2023-01-0*'
        $span.hasta | Should -BeLessOrEqual '2025-06-30'
        $span.abonos | Should -BeGreaterThan 0
        $span.abonos_positivos | Should -Be 0
    }

    It 'gives the same data for the same -Customers and -AsOf' {
        $again = Join-Path $TestDrive 'small-erp-again.db'
        New-DemoErp -Path $again -Customers 400 -AsOf '2025-06-30' | Out-Null
        $sql = 'SELECT group_concat(codigo || nif || razon_social || poblacion, ''|'') AS c FROM cliente'
        $sumSql = 'SELECT COUNT(*) AS n, SUM(total) AS t FROM factura'
        (Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$again" -Query $sql).c | Should -Be (Small $sql).c
        (Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$again" -Query $sumSql).t | Should -Be (Small $sumSql).t
    }
}
