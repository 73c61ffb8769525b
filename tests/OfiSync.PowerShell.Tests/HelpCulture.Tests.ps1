# The help in Spanish: tools/Build-Help.ps1 builds es-ES beside en-US from module/help/es-ES, Get-Help picks it by the
# session's UI culture as PowerShell does ($PSUICulture), and the build fails when the translation falls behind the
# cmdlets. Each culture is read in a new pwsh: the UI culture is per thread, and Get-Help caches what it read.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-OfiSyncModulePath
    $script:ModuleRoot = Split-Path $ModulePath
    $script:Root = Get-RepositoryRoot
    $script:Sources = Join-Path $Root 'module/help'
    $script:English = Import-PowerShellDataFile (Join-Path $Sources 'Invoke-OfiSync.psd1')
    $script:Spanish = Import-PowerShellDataFile (Join-Path $Sources 'es-ES/Invoke-OfiSync.psd1')

    # Get-Help in a new pwsh whose UI culture is $Culture: the synopsis, the first and the sixth example of
    # Invoke-OfiSync, and the first lines of about_OfiSync, as JSON.
    function script:Get-HelpInCulture([string] $Culture) {
        $r = Invoke-ChildPwsh @"
[cultureinfo]::CurrentUICulture = '$Culture'
Import-Module '$ModulePath'
`$h = Get-Help Invoke-OfiSync
`$examples = @(`$h.examples.example)
@{
    UICulture = "`$PSUICulture"
    Synopsis  = "`$(`$h.Synopsis)".Trim()
    Titles    = @(`$examples | ForEach-Object { "`$(`$_.title)".Trim() })
    Codes     = @(`$examples | ForEach-Object { "`$(`$_.code)" })
    Remarks   = @(`$examples | ForEach-Object { (@(`$_.remarks | ForEach-Object Text) -join ' ').Trim() })
    About     = (Get-Help about_OfiSync | Out-String)
} | ConvertTo-Json -Depth 3 -Compress
"@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output[-1] | ConvertFrom-Json
    }
}

Describe 'Get-Help by UI culture' {
    BeforeAll {
        $script:Es = Get-HelpInCulture 'es-ES'
        $script:En = Get-HelpInCulture 'en-US'
        $script:Fr = Get-HelpInCulture 'fr-FR'
    }

    It 'is Spanish under es-ES: the synopsis, the examples'' titles and remarks, and about_OfiSync' {
        $Es.UICulture | Should -Be 'es-ES'
        $Es.Synopsis | Should -Be $Spanish.Synopsis
        $Es.Synopsis | Should -Match 'líneas de sincronización'
        $Es.Titles[0] | Should -Be "---------- Ejemplo 1: $($Spanish.Examples[0].Title) ----------"
        $Es.Remarks[0] | Should -Be $Spanish.Examples[0].Remarks
        $Es.About | Should -Match 'DESCRIPCIÓN BREVE'
        $Es.About | Should -Match 'LÍNEAS DE SINCRONIZACIÓN'
        $Es.About | Should -Not -Match 'SHORT DESCRIPTION'
    }

    It 'keeps the example code of the English help, with only its comments translated' {
        $Es.Codes[0] | Should -Be $En.Codes[0]
        $Es.Codes.Count | Should -Be $En.Codes.Count
        # Example 6 translates its comment line; the code after it is the English example's.
        $Es.Codes[5] | Should -Match '^# sync\.ps1, ejecutado por cron'
        ($Es.Codes[5] -split "`n" | Select-Object -Skip 1) | Should -Be ($En.Codes[5] -split "`n" | Select-Object -Skip 1)
    }

    It 'is English under en-US' {
        $En.Synopsis | Should -Be $English.Synopsis
        $En.Titles[0] | Should -Be "---------- Example 1: $($English.Examples[0].Title) ----------"
        $En.About | Should -Match 'SHORT DESCRIPTION'
    }

    It 'falls back to English under fr-FR, which has no translation (PowerShell looks in en-US after fr-FR and fr)' {
        $Fr.UICulture | Should -Be 'fr-FR'
        $Fr.Synopsis | Should -Be $English.Synopsis
        $Fr.Remarks[0] | Should -Be $English.Examples[0].Remarks
        $Fr.About | Should -Match 'SHORT DESCRIPTION'
    }
}

Describe 'The es-ES MAML help' {
    It 'has every cmdlet, every parameter and every example of the English help' {
        [xml] $en = Get-Content (Join-Path $ModuleRoot 'en-US/OfiSync.PowerShell.dll-Help.xml') -Raw
        [xml] $es = Get-Content (Join-Path $ModuleRoot 'es-ES/OfiSync.PowerShell.dll-Help.xml') -Raw
        $esCommands = @{}
        foreach ($c in $es.helpItems.command) { $esCommands[$c.details.name] = $c }
        @($esCommands.Keys | Sort-Object) | Should -Be @($en.helpItems.command | ForEach-Object { $_.details.name } | Sort-Object)
        foreach ($c in $en.helpItems.command) {
            $name = $c.details.name
            $s = $esCommands[$name]
            @($s.parameters.parameter.name) | Should -Be @($c.parameters.parameter.name) -Because "$name has the same parameters"
            @($s.examples.example).Count | Should -Be @($c.examples.example).Count -Because "$name has the same examples"
            $s.details.description.para | Should -Not -Be $c.details.description.para -Because "the synopsis of $name is translated"
        }
    }
}

Describe 'Build-Help with a Spanish translation that falls behind the cmdlets' {
    BeforeAll {
        # A copy of the built module and of the help sources, with one defect of each kind in the Spanish ones.
        $script:Copy = Join-Path $TestDrive 'OfiSync'
        Copy-Item $ModuleRoot $Copy -Recurse
        Remove-Item (Join-Path $Copy 'es-ES/OfiSync.PowerShell.dll-Help.xml')
        $script:Src = Join-Path $TestDrive 'help'
        Copy-Item $Sources $Src -Recurse
        $es = Join-Path $Src 'es-ES'
        Remove-Item (Join-Path $es 'Remove-SyncConnection.psd1')
        Remove-Item (Join-Path $Copy 'es-ES/about_OfiSync.help.txt')
        function Edit-Source([string] $Name, [scriptblock] $Change) {
            $path = Join-Path $es "$Name.psd1"
            Set-Content $path (& $Change (Get-Content $path -Raw)) -Encoding utf8
        }
        # A parameter without Spanish text, and one the cmdlet does not have.
        Edit-Source Export-SyncLine { param($t) $t -replace "(?m)^\s*NoClobber\s*=.*$", "        Sobrante = 'Un parámetro que el cmdlet no tiene.'" }
        # An example left out.
        Edit-Source Remove-SyncLine { param($t) $t -replace "(?s)\s*@\{\s*Title\s*=\s*'Ver lo que quitaría un patrón'.*?\}", '' }
        # Example code changed beyond its comments.
        Edit-Source Get-SyncLine { param($t) $t -replace "(?s)(Title\s*=\s*'Listar todas las líneas en orden de ejecución')", "`$1`n            Code    = 'Get-SyncLine -Name Otra'" }
        $script:Result = Invoke-ChildPwsh "& '$(Join-Path $Root 'tools/Build-Help.ps1')' -ModulePath '$Copy' -SourcePath '$Src'"
        $script:Text = $Result.Output -join "`n"
    }

    It 'fails' {
        $Result.ExitCode | Should -Not -Be 0 -Because $Text
        $Text | Should -Match 'Building the help failed'
        Join-Path $Copy 'es-ES/OfiSync.PowerShell.dll-Help.xml' | Should -Not -Exist
    }

    It 'names the cmdlet without a Spanish source' {
        $Text | Should -Match 'es-ES/Remove-SyncConnection: no translated help source'
    }

    It 'names the parameter without Spanish text and the one the cmdlet lacks' {
        $Text | Should -Match 'es-ES/Export-SyncLine: parameter -NoClobber has no help text'
        $Text | Should -Match 'es-ES/Export-SyncLine: the help source describes -Sobrante, which the cmdlet does not have'
    }

    It 'names the example left out and the example whose code changed' {
        $Text | Should -Match 'es-ES/Remove-SyncLine: has 2 example\(s\) and the English source 3'
        $Text | Should -Match 'es-ES/Get-SyncLine: example 1 has Code that differs from the English example'
    }

    It 'names the about topic without a translation' {
        $Text | Should -Match 'es-ES/about_OfiSync: no translation: create module/es-ES/about_OfiSync.help.txt'
    }
}
