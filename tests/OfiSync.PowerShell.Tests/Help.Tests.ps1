# Every exported cmdlet has real help (built by tools/Build-Help.ps1 from module/help/<Verb-Noun>.psd1),
# and about_OfiSync is found. The cmdlets are enumerated from the built module, never listed here.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-OfiSyncModulePath) -Force -PassThru
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $cmdlets = @(foreach ($c in $module.ExportedCmdlets.Values | Sort-Object Name) {
            @{ Name = $c.Name; Parameters = @($c.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object) }
        })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-OfiSyncModulePath
    $script:ModuleRoot = Split-Path $ModulePath
    $script:Module = Import-Module $ModulePath -Force -PassThru
    $script:Exported = @($Module.ExportedCmdlets.Values)

    function Get-HelpText($Node) { (@($Node | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n").Trim() }

    # Every "-Name" written after one of the module's cmdlets in $Code that the cmdlet has neither as a
    # parameter (common ones included) nor as an alias.
    function Get-UnknownParameterUse([string] $Code) {
        $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$errors)
        $uses = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)
        foreach ($use in $uses) {
            $command = $Exported | Where-Object Name -EQ $use.GetCommandName()
            if (-not $command) { continue }
            $known = @($command.Parameters.Keys) + @($command.Parameters.Values.Aliases)
            foreach ($p in $use.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                if ($p.ParameterName -notin $known) { "$($command.Name) -$($p.ParameterName)" }
            }
        }
    }
}

Describe 'The help of the OfiSync module' {
    It 'exports cmdlets to check' {
        $Exported.Count | Should -BeGreaterThan 0
    }

    It 'ships its MAML help as valid XML with one entry per exported cmdlet' {
        foreach ($file in $Exported.HelpFile | Sort-Object -Unique) {
            $path = Join-Path $ModuleRoot "en-US/$file"
            $path | Should -Exist
            { [xml] (Get-Content $path -Raw) } | Should -Not -Throw
            [xml] $maml = Get-Content $path -Raw
            $maml.DocumentElement.LocalName | Should -Be 'helpItems'
            $names = @($maml.helpItems.command | ForEach-Object { $_.details.name })
            $expected = @($Exported | Where-Object HelpFile -EQ $file | ForEach-Object Name | Sort-Object)
            @($names | Sort-Object) | Should -Be $expected
        }
    }

    It 'does not ship the help sources in the module folder' {
        Join-Path $ModuleRoot 'help' | Should -Not -Exist
    }

    It 'finds about_OfiSync with Get-Help' {
        $about = Get-Help about_OfiSync
        $about | Should -Not -BeNullOrEmpty
        $text = $about | Out-String
        $text | Should -Match 'about_OfiSync'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text | Should -Match 'SEE ALSO'
    }

    It 'writes in the <_> about_OfiSync only parameters that the existing cmdlets have' -ForEach 'en-US', 'es-ES' {
        $path = Join-Path $ModuleRoot "$_/about_OfiSync.help.txt"
        $path | Should -Exist
        $wrong = foreach ($line in Get-Content $path) {
            if ($Exported | Where-Object { $line -match "\b$([regex]::Escape($_.Name))\b" }) { Get-UnknownParameterUse $line.Trim() }
        }
        @($wrong) | Should -BeNullOrEmpty
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'is read from the MAML file, not generated from the syntax' {
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a synopsis written for it' {
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without help, PowerShell makes the synopsis from the syntax: "Verb-Noun [-Param] <type> ...".
        $synopsis | Should -Not -Match "^$([regex]::Escape($Name))\s+(\[|<|-|$)"
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($e in $examples) {
            "$($e.code)".Trim() | Should -Not -BeNullOrEmpty
            Get-HelpText $e.remarks | Should -Not -BeNullOrEmpty
        }
    }

    It 'has examples that parse and use only parameters the cmdlets have' {
        foreach ($e in @($help.examples.example | Where-Object { $_ })) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput("$($e.code)", [ref]$null, [ref]$errors)
            $errors | Should -BeNullOrEmpty -Because "example '$($e.title)' must parse"
            @(Get-UnknownParameterUse "$($e.code)") | Should -BeNullOrEmpty -Because "example '$($e.title)' must use real parameters"
        }
    }

    It 'shows no unset date as a default value' {
        foreach ($p in @($help.parameters.parameter | Where-Object { $_ })) {
            "$($p.defaultValue)" | Should -Not -Match '0001' -Because "-$($p.name) has no such default"
        }
    }

    It 'shows one syntax per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be $command.ParameterSets.Count
    }

    It 'names the declared output types' {
        $declared = @($command.OutputType | ForEach-Object { if ($_.Type) { $_.Type.FullName } else { $_.Name } })
        $documented = @($help.returnValues.returnValue | ForEach-Object { "$($_.type.name)".Trim() })
        foreach ($t in $declared) { $documented | Should -Contain $t }
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameter = @($help.parameters.parameter | Where-Object name -EQ $_)
        $parameter.Count | Should -Be 1 -Because "-$_ must be in the help of $Name"
        Get-HelpText $parameter[0].description | Should -Not -BeNullOrEmpty
        $metadata = $command.Parameters[$_]
        $mandatoryInEverySet = @($metadata.ParameterSets.Values | Where-Object { -not $_.IsMandatory }).Count -eq 0
        $parameter[0].required | Should -Be $mandatoryInEverySet.ToString().ToLowerInvariant()
    }
}
