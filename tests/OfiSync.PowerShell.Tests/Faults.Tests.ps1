# The target database restarted in the middle of a run: the batches are tried again, with backoff, on a new connection,
# and the run completes with every row written once. Runs only on the PostgreSQL cluster ./build.sh test manages.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Managed = $env:OFISYNC_TEST_POSTGRES -and (Test-Path (Join-Path $root 'out/postgres/data/postmaster.pid')) -and -not $IsWindows
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-OfiSyncModulePath) -Force
    $script:Root = Get-RepositoryRoot
    $script:Port = [regex]::Match($env:OFISYNC_TEST_POSTGRES, 'Port=(\d+)').Groups[1].Value
}

Describe 'PostgreSQL restarted during a run' -Skip:(-not $Managed) {
    BeforeAll {
        $folder = Join-Path $TestDrive 'faults'
        New-Item -ItemType Directory $folder | Out-Null
        $erp = Join-Path $folder 'erp.db'
        $script:Database = 'ofisync_faults_' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "CREATE DATABASE $Database" -Confirm:$false
        $script:Crm = ($env:OFISYNC_TEST_POSTGRES -replace 'Database=[^;]+', "Database=$Database")
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $Crm -Confirm:$false -Query 'CREATE TABLE cuenta (id SERIAL PRIMARY KEY, codigo VARCHAR(20) UNIQUE NOT NULL, razon_social VARCHAR(100), saldo NUMERIC(12,2))'
        Invoke-SyncQuery -Provider Sqlite -ConnectionString "Data Source=$erp;Mode=ReadWriteCreate" -Confirm:$false -Query @'
CREATE TABLE cliente (codigo TEXT PRIMARY KEY, razon_social TEXT, saldo NUMERIC);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO cliente SELECT printf('43%07d', i), 'Cliente ' || i, i * 1.25 FROM n;
'@
        $env:OFISYNC_STORE = Join-Path $folder 'store.db'
        New-SyncConnection ERP Sqlite "Data Source=$erp" | Out-Null
        New-SyncConnection CRM PostgreSql $Crm | Out-Null
        New-SyncLine Clientes -Source ERP -SourceTable cliente -Target CRM -TargetTable cuenta -Key codigo -TargetId id -BatchSize 100 | Out-Null
        function script:Count { (Invoke-SyncQuery -Provider PostgreSql -ConnectionString $Crm -Query 'SELECT COUNT(*) AS n, COUNT(DISTINCT codigo) AS d FROM cuenta' -Confirm:$false) }
    }
    AfterAll {
        Invoke-SyncQuery -Provider PostgreSql -ConnectionString $env:OFISYNC_TEST_POSTGRES -Query "DROP DATABASE IF EXISTS $Database WITH (FORCE)" -Confirm:$false -ErrorAction SilentlyContinue
        Remove-Item Env:OFISYNC_STORE -ErrorAction SilentlyContinue
    }

    It 'retries the batches on a new connection and writes every row exactly once' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-OfiSyncModulePath)'; Invoke-OfiSync Clientes -Force -Summary -Store '$env:OFISYNC_STORE'")
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while ((Count).n -lt 1000 -and -not $handle.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $handle.IsCompleted | Should -BeFalse -Because 'the server must restart while the run is writing'
        # Stopped and started again, on the same port, as a restart or a failover would.
        & bash -c "cd '$Root' && tools/postgres.sh stop && sleep 1 && OFISYNC_PGPORT=$Port tools/postgres.sh start >/dev/null" 2>&1 | Out-Null
        $summary = $ps.EndInvoke($handle)
        $warnings = @($ps.Streams.Warning | ForEach-Object Message)
        $errors = @($ps.Streams.Error | ForEach-Object { $_.Exception.Message })
        $ps.Dispose()
        $errors | Should -BeNullOrEmpty
        $warnings -join "`n" | Should -Match 'trying the batch again'
        $summary.Status | Should -Be 'Succeeded'
        $summary.Inserted | Should -Be 20000
        $counts = Count
        $counts.n | Should -Be 20000
        $counts.d | Should -Be 20000
        Invoke-OfiSync Clientes -Force | Should -BeNullOrEmpty
    }
}
