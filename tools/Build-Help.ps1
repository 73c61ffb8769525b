#Requires -Version 7.4
<#
.SYNOPSIS
    Builds the MAML help of the module's cmdlets from module/help/<Verb-Noun>.psd1 and the cmdlets' own metadata.
.DESCRIPTION
    build.ps1 calls this after it assembled the module folder. The script starts a child pwsh (so the module's
    assemblies never load into the build's own process), imports the built module there, and for every exported
    cmdlet merges what the cmdlet declares (parameter sets, types, Mandatory, Position, pipeline input, aliases,
    [SupportsWildcards], enum and ValidateSet values, default values, [OutputType]) with the text of its help
    source. It writes <ModulePath>/en-US/<assembly>.dll-Help.xml, checks that Get-Help reads it, and deletes
    <ModulePath>/help (the sources, which build.ps1 copies along with the rest of module/).

    The build fails, naming the cmdlet, when an exported cmdlet has no help source, when a parameter has no
    text, when the synopsis or description is missing, when there are fewer than two examples, when a cmdlet
    that declares [OutputType] has no Outputs text, or when the source names a parameter the cmdlet lacks.

    Help source schema (a PowerShell data file, module/help/<Verb-Noun>.psd1):
        @{
            Synopsis    = 'One sentence.'                                    # required
            Description = 'Paragraphs, separated by a blank line.'           # required
            Parameters  = @{                                                 # one entry per parameter, required
                Name  = 'What it does.'                                      #   plain text, or
                Other = @{ Description = '...'; DefaultValue = '...' }       #   a table overriding the default value
            }
            Inputs      = 'What the pipeline accepts.'                       # optional; the types come from metadata
            Outputs     = 'What comes out.'                                  # required when [OutputType] is declared
            Notes       = 'Paragraphs.'                                      # optional
            Examples    = @(                                                 # at least two
                @{ Title = 'Optional short title'; Code = 'Verb-Noun -Name x'; Remarks = 'What it shows.' }
            )
            Links       = @('about_OfiSync', 'Get-SyncLine', 'https://...')  # optional
        }
    module/help/Common.psd1, @{ Parameters = @{ Store = '...'; WhatIf = '...' } }, gives the text of parameters
    that many cmdlets share (the base class's -Store, -WhatIf, -Confirm); a cmdlet's own text wins over it.
    Translations: module/help/<culture>/ (es-ES) holds one source per cmdlet in that language, with the same keys
    except Links: Synopsis, Description, the text of every parameter (and DefaultValue where the English source words
    one), Inputs, Outputs and Notes where the English source has them, and Examples with the same count and order,
    each with Title (when the English one has it) and Remarks. Example Code comes from the English source; a translation
    may give Code to translate its comments, and nothing else may differ. Its Common.psd1 holds Parameters and Strings
    (the text this script writes itself, such as 'Example' and 'Binds to -{0} {1}.'). Each about topic of en-US needs
    its translation in module/<culture>/. The build writes <ModulePath>/<culture>/<assembly>.dll-Help.xml, checks that
    Get-Help under that UI culture reads it, and fails, naming the cmdlet and what is missing or extra, otherwise.
    In text, a blank line starts a new paragraph; lines starting with '- ' or '* ' are kept as list items;
    other line breaks inside a paragraph are joined with a space.
.PARAMETER ModulePath
    The built module folder (out/OfiSync).
.PARAMETER SourcePath
    The folder of the help sources; module/help of this repository by default.
.PARAMETER InProcess
    Internal: generate in this process. Without it the script runs itself again in a child pwsh.
.EXAMPLE
    ./tools/Build-Help.ps1 -ModulePath ./out/OfiSync
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $SourcePath = (Join-Path $PSScriptRoot '../module/help'),
    [switch] $InProcess
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$SourcePath = [IO.Path]::GetFullPath($SourcePath)

if (-not $InProcess) {
    # The same PowerShell that runs the build: an installed pwsh, or the local dotnet tool ('dotnet pwsh').
    $exe = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @([Reflection.Assembly]::GetEntryAssembly().Location) }
    try {
        & $exe @prefix -NoProfile -NonInteractive -File $PSCommandPath -ModulePath $ModulePath -SourcePath $SourcePath -InProcess
        $code = $LASTEXITCODE
    }
    finally {
        # The sources are not part of the shipped module (build.ps1 copies every folder of module/).
        Remove-Item -LiteralPath (Join-Path $ModulePath 'help') -Recurse -Force -ErrorAction SilentlyContinue
    }
    if ($code -ne 0) { throw "Building the help failed (exit code $code): see the messages above." }
    return
}

$MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$AllowedKeys = 'Synopsis', 'Description', 'Parameters', 'Inputs', 'Outputs', 'Notes', 'Examples', 'Links'
$CommonFile = 'Common.psd1'   # shared parameter text, not a cmdlet
$SharedText = @{}
# Text the writer adds itself (not from a source); a translation's Common.psd1 gives every key in its language.
$EnglishStrings = @{
    Example         = 'Example'
    NoPipelineInput = 'You cannot pipe objects to this cmdlet.'
    BindsTo         = 'Binds to -{0} {1}.'
    ByValue         = 'by value'
    ByPropertyName  = 'by property name ({0})'
    And             = ' and '
    OnlineVersion   = 'Online Version:'
    NoDefault       = 'None'
}
$Strings = $EnglishStrings
$Problems = [System.Collections.Generic.List[string]]::new()
function Add-Problem([string] $Command, [string] $Text) { $Problems.Add("${Command}: $Text") }

#region text helpers
function Test-Text($Value) { $null -ne $Value -and $Value -is [string] -and $Value.Trim().Length -gt 0 }

# Paragraphs of a help text: a blank line separates paragraphs; list items ('- ', '* ') stay one per paragraph.
function ConvertTo-Paragraph([object] $Text) {
    if ($null -eq $Text) { return @() }
    $all = foreach ($t in @($Text)) {
        $lines = ([string]$t).Replace("`r`n", "`n").Replace("`r", "`n").Split("`n")
        $current = [System.Collections.Generic.List[string]]::new()
        foreach ($raw in $lines + @('')) {
            $line = $raw.Trim()
            $isItem = $line -match '^[-*] '
            if ($line.Length -eq 0 -or $isItem) {
                if ($current.Count) { $current -join ' '; $current.Clear() }
            }
            if ($isItem) { $current.Add($line) } elseif ($line.Length) { $current.Add($line) }
        }
    }
    @($all | Where-Object { $_ })
}

# The short name shown in the syntax and parameter list (String, Int32[], ProviderKind), as platyPS writes it.
function Get-ShortTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-ShortTypeName $Type.GetElementType()) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-ShortTypeName $underlying }   # as Get-Command's syntax shows it: <int>
    if ($Type.IsGenericType) {
        $name = $Type.Name.Substring(0, $Type.Name.IndexOf('`'))
        return $name + '[' + (($Type.GetGenericArguments() | ForEach-Object { Get-ShortTypeName $_ }) -join ', ') + ']'
    }
    $Type.Name
}

function Get-FullTypeName([type] $Type) {
    if ($Type.IsArray) { return (Get-FullTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $name = $Type.GetGenericTypeDefinition().FullName
        $name = $name.Substring(0, $name.IndexOf('`'))
        return $name + '[' + (($Type.GetGenericArguments() | ForEach-Object { Get-FullTypeName $_ }) -join ', ') + ']'
    }
    $Type.FullName
}
#endregion

#region metadata
# What the cmdlet class holds in a property before any binding: the default value, where it can be known.
function Get-DefaultValues([System.Management.Automation.CmdletInfo] $Command) {
    $values = @{}
    $instance = $null
    try { $instance = [Activator]::CreateInstance($Command.ImplementingType) } catch { return $values }
    try {
        foreach ($name in $Command.Parameters.Keys) {
            $property = $Command.ImplementingType.GetProperty($name)
            if (-not $property -or -not $property.CanRead) { continue }
            try { $value = $property.GetValue($instance) } catch { continue }
            if ($value -is [System.Management.Automation.SwitchParameter]) { $values[$name] = [string]$value.IsPresent; continue }
            if ($null -eq $value -or ($value -is [string] -and $value.Length -eq 0)) { continue }
            # An unset date holds DateTime.MinValue, which is no default anyone means: the help text says what applies.
            if ($value -is [datetime] -and $value -eq [datetime]::MinValue) { continue }
            if ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) {
                $items = @($value)
                if ($items.Count -eq 0) { continue }
                $values[$name] = ($items | ForEach-Object { [string]$_ }) -join ', '
                continue
            }
            $values[$name] = [string]$value
        }
    }
    finally { if ($instance -is [IDisposable]) { $instance.Dispose() } }
    $values
}

# One record per parameter (common parameters left out), with what holds across its parameter sets.
function Get-ParameterModel([System.Management.Automation.CmdletInfo] $Command, [hashtable] $Source) {
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $defaults = Get-DefaultValues $Command
    $texts = if ($Source.ContainsKey('Parameters') -and $Source.Parameters -is [hashtable]) { $Source.Parameters } else { @{} }
    $models = [ordered]@{}
    foreach ($set in $Command.ParameterSets) {
        foreach ($p in $set.Parameters) {
            if ($p.Name -in $common) { continue }
            if (-not $models.Contains($p.Name)) {
                $meta = $Command.Parameters[$p.Name]
                $validValues = @()
                $valueType = if ($p.ParameterType.IsArray) { $p.ParameterType.GetElementType() } else { $p.ParameterType }
                $valueType = [Nullable]::GetUnderlyingType($valueType) ?? $valueType
                if ($valueType.IsEnum) { $validValues = [Enum]::GetNames($valueType) }
                $validateSet = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
                if ($validateSet) { $validValues = @($validateSet.ValidValues) }
                $text = $texts[$p.Name]
                $description = $null; $defaultOverride = $null
                if ($text -is [hashtable]) { $description = $text['Description']; $defaultOverride = $text['DefaultValue'] }
                else { $description = $text }
                if (-not (Test-Text $description) -and $SharedText.ContainsKey($p.Name)) { $description = $SharedText[$p.Name] }
                $models[$p.Name] = [pscustomobject]@{
                    Name            = $p.Name
                    Type            = $p.ParameterType
                    IsSwitch        = ($p.ParameterType -eq [System.Management.Automation.SwitchParameter])
                    Aliases         = @($meta.Aliases)
                    Globbing        = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    ValidValues     = $validValues
                    Description     = $description
                    DefaultOverride = $defaultOverride
                    KnownDefault    = $defaults[$p.Name]
                    Sets            = [System.Collections.Generic.List[object]]::new()
                }
            }
            $models[$p.Name].Sets.Add($p)
        }
    }
    foreach ($m in $models.Values) {
        $m | Add-Member NoteProperty Required (@($m.Sets | Where-Object { -not $_.IsMandatory }).Count -eq 0)
        $positions = @($m.Sets | ForEach-Object Position | Where-Object { $_ -ge 0 } | Sort-Object -Unique)
        $m | Add-Member NoteProperty Position ($(if ($positions.Count -eq 1 -and @($m.Sets | Where-Object Position -LT 0).Count -eq 0) { [string]$positions[0] } else { 'named' }))
        $byValue = [bool]($m.Sets | Where-Object ValueFromPipeline)
        $byName = [bool]($m.Sets | Where-Object ValueFromPipelineByPropertyName)
        $pipeline = @(if ($byValue) { 'ByValue' }; if ($byName) { 'ByPropertyName' })
        $m | Add-Member NoteProperty ByValue $byValue
        $m | Add-Member NoteProperty ByPropertyName $byName
        $m | Add-Member NoteProperty PipelineInput ($(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
        $default = if (Test-Text $m.DefaultOverride) { $m.DefaultOverride }
                   elseif ($m.Required) { $Strings.NoDefault }
                   elseif ($m.IsSwitch) { 'False' }
                   elseif ($null -ne $m.KnownDefault) { $m.KnownDefault }
                   else { $Strings.NoDefault }
        $m | Add-Member NoteProperty DefaultValue $default
    }
    $models
}
#endregion

#region checks
function Test-Source([System.Management.Automation.CmdletInfo] $Command, [hashtable] $Source, $Parameters, [string] $Label) {
    $name = if ($Label) { $Label } else { $Command.Name }
    foreach ($key in $Source.Keys) {
        if ($key -notin $AllowedKeys) { Add-Problem $name "unknown key '$key' in its help source (allowed: $($AllowedKeys -join ', '))" }
    }
    if (-not (Test-Text $Source['Synopsis'])) { Add-Problem $name 'the help source has no Synopsis' }
    if (-not (Test-Text $Source['Description'])) { Add-Problem $name 'the help source has no Description' }
    $texts = $Source['Parameters']
    if ($null -ne $texts -and $texts -isnot [hashtable]) { Add-Problem $name 'Parameters must be a hashtable: @{ Name = ''text'' }' ; $texts = @{} }
    if ($null -eq $texts) { $texts = @{} }
    foreach ($p in $Parameters.Values) {
        if (-not (Test-Text $p.Description)) { Add-Problem $name "parameter -$($p.Name) has no help text (add $($p.Name) = '...' to Parameters)" }
    }
    foreach ($key in $texts.Keys) {
        if (-not $Parameters.Contains($key)) { Add-Problem $name "the help source describes -$key, which the cmdlet does not have" }
    }
    $examples = @($Source['Examples'] | Where-Object { $null -ne $_ })
    if ($examples.Count -lt 2) { Add-Problem $name "the help source has $($examples.Count) example(s); at least two are required" }
    $i = 0
    foreach ($e in $examples) {
        $i++
        if ($e -isnot [hashtable]) { Add-Problem $name "example $i is not a hashtable @{ Code = '...'; Remarks = '...' }"; continue }
        if (-not (Test-Text $e['Code'])) { Add-Problem $name "example $i has no Code" }
        if (-not (Test-Text $e['Remarks'])) { Add-Problem $name "example $i has no Remarks" }
        foreach ($k in $e.Keys) { if ($k -notin 'Title', 'Code', 'Remarks') { Add-Problem $name "example $i has an unknown key '$k' (allowed: Title, Code, Remarks)" } }
        if (Test-Text $e['Code']) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($e['Code'], [ref]$null, [ref]$errors)
            if ($errors) { Add-Problem $name "example $i does not parse: $($errors[0].Message)" }
        }
    }
    if ($Command.OutputType.Count -gt 0 -and -not (Test-Text $Source['Outputs'])) {
        Add-Problem $name "the cmdlet declares [OutputType($($Command.OutputType[0].Name))] but its help source has no Outputs text"
    }
}
#endregion

#region MAML writer
function Write-Paragraphs([System.Xml.XmlWriter] $W, [object] $Text) {
    $W.WriteStartElement('maml', 'description', $MamlNs)
    $paragraphs = @(ConvertTo-Paragraph $Text)
    if (-not $paragraphs) { $paragraphs = @('') }
    foreach ($p in $paragraphs) { $W.WriteElementString('maml', 'para', $MamlNs, $p) }
    $W.WriteEndElement()
}

function Write-Parameter([System.Xml.XmlWriter] $W, $P, [string] $Position, [bool] $Required, [string] $PipelineInput, [bool] $InSyntax) {
    $W.WriteStartElement('command', 'parameter', $CommandNs)
    $W.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $P.Type.IsArray.ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $P.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $PipelineInput)
    $W.WriteAttributeString('position', $Position)
    $W.WriteAttributeString('aliases', $(if ($P.Aliases.Count) { $P.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $MamlNs, $P.Name)
    Write-Paragraphs $W $P.Description
    if ($InSyntax -and $P.ValidValues.Count) {
        $W.WriteStartElement('command', 'parameterValueGroup', $CommandNs)
        foreach ($v in $P.ValidValues) {
            $W.WriteStartElement('command', 'parameterValue', $CommandNs)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString([string]$v)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    if (-not ($InSyntax -and $P.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $CommandNs)
        $W.WriteAttributeString('required', (-not $P.IsSwitch).ToString().ToLowerInvariant())
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString((Get-ShortTypeName $P.Type))
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $DevNs)
    $W.WriteElementString('maml', 'name', $MamlNs, (Get-FullTypeName $P.Type))
    $W.WriteElementString('maml', 'uri', $MamlNs, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $DevNs, $P.DefaultValue)
    $W.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $W, [System.Management.Automation.CmdletInfo] $Command, [hashtable] $Source, $Parameters, [string[]] $KnownTopics) {
    $W.WriteStartElement('command', 'command', $CommandNs)
    $W.WriteAttributeString('xmlns', 'maml', $null, $MamlNs)
    $W.WriteAttributeString('xmlns', 'command', $null, $CommandNs)
    $W.WriteAttributeString('xmlns', 'dev', $null, $DevNs)

    $W.WriteStartElement('command', 'details', $CommandNs)
    $W.WriteElementString('command', 'name', $CommandNs, $Command.Name)
    $W.WriteElementString('command', 'verb', $CommandNs, $Command.Verb)
    $W.WriteElementString('command', 'noun', $CommandNs, $Command.Noun)
    Write-Paragraphs $W $Source.Synopsis
    $W.WriteEndElement()
    Write-Paragraphs $W $Source.Description

    # Syntax: one item per parameter set, positional parameters first, then mandatory, then the rest.
    $W.WriteStartElement('command', 'syntax', $CommandNs)
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $CommandNs)
        $W.WriteElementString('maml', 'name', $MamlNs, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $Parameters.Contains($_.Name) })
        $ordered = @($inSet | Where-Object Position -GE 0 | Sort-Object Position) +
                   @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) +
                   @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        foreach ($sp in $ordered) {
            $pipeline = @(if ($sp.ValueFromPipeline) { 'ByValue' }; if ($sp.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
            Write-Parameter $W $Parameters[$sp.Name] $(if ($sp.Position -ge 0) { [string]$sp.Position } else { 'named' }) $sp.IsMandatory `
                $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }) $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $CommandNs)
    foreach ($p in $Parameters.Values | Sort-Object Name) {
        Write-Parameter $W $p $p.Position $p.Required $p.PipelineInput $false
    }
    $W.WriteEndElement()

    # Inputs: the types of the parameters that take pipeline input, and how they bind.
    $W.WriteStartElement('command', 'inputTypes', $CommandNs)
    $piped = @($Parameters.Values | Where-Object { $_.ByValue -or $_.ByPropertyName })
    $inputText = @(ConvertTo-Paragraph $Source['Inputs'])
    if (-not $piped) {
        $W.WriteStartElement('command', 'inputType', $CommandNs)
        $W.WriteStartElement('dev', 'type', $DevNs); $W.WriteElementString('maml', 'name', $MamlNs, 'None'); $W.WriteEndElement()
        Write-Paragraphs $W $(if ($inputText) { $inputText } else { $Strings.NoPipelineInput })
        $W.WriteEndElement()
    }
    $first = $true
    # By-value types first: they say what can be piped in; the source's Inputs text goes with the first type.
    $groups = @($piped | Group-Object { Get-FullTypeName $_.Type } | Sort-Object { -not ($_.Group | Where-Object ByValue) })
    foreach ($group in $groups) {
        $W.WriteStartElement('command', 'inputType', $CommandNs)
        $W.WriteStartElement('dev', 'type', $DevNs); $W.WriteElementString('maml', 'name', $MamlNs, $group.Name); $W.WriteEndElement()
        $lines = foreach ($p in $group.Group) {
            $how = @(if ($p.ByValue) { $Strings.ByValue }; if ($p.ByPropertyName) { $Strings.ByPropertyName -f (@($p.Name) + $p.Aliases -join ', ') })
            $Strings.BindsTo -f $p.Name, ($how -join $Strings.And)
        }
        $texts = @(($lines -join ' '))
        if ($first) { $texts += $inputText }
        Write-Paragraphs $W $texts
        $W.WriteEndElement()
        $first = $false
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'returnValues', $CommandNs)
    $outputs = @($Command.OutputType | ForEach-Object { if ($_.Type) { Get-FullTypeName $_.Type } else { $_.Name } } | Select-Object -Unique)
    if (-not $outputs) { $outputs = @('None') }
    $first = $true
    foreach ($o in $outputs) {
        $W.WriteStartElement('command', 'returnValue', $CommandNs)
        $W.WriteStartElement('dev', 'type', $DevNs); $W.WriteElementString('maml', 'name', $MamlNs, $o); $W.WriteEndElement()
        Write-Paragraphs $W $(if ($first) { $Source['Outputs'] } else { $null })
        $W.WriteEndElement()
        $first = $false
    }
    $W.WriteEndElement()

    if (Test-Text ([string]($Source['Notes'] -join ''))) {
        $W.WriteStartElement('maml', 'alertSet', $MamlNs)
        $W.WriteStartElement('maml', 'alert', $MamlNs)
        foreach ($p in ConvertTo-Paragraph $Source['Notes']) { $W.WriteElementString('maml', 'para', $MamlNs, $p) }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }

    $W.WriteStartElement('command', 'examples', $CommandNs)
    $i = 0
    foreach ($e in @($Source['Examples'])) {
        $i++
        $title = "$($Strings.Example) ${i}" + $(if (Test-Text $e['Title']) { ": $($e['Title'].Trim())" } else { '' })
        $W.WriteStartElement('command', 'example', $CommandNs)
        $W.WriteElementString('maml', 'title', $MamlNs, "---------- $title ----------")
        $W.WriteElementString('dev', 'code', $DevNs, ($e['Code'].Replace("`r`n", "`n").Trim("`n")))
        $W.WriteStartElement('dev', 'remarks', $DevNs)
        foreach ($p in ConvertTo-Paragraph $e['Remarks']) { $W.WriteElementString('maml', 'para', $MamlNs, $p) }
        $W.WriteElementString('maml', 'para', $MamlNs, '')   # Get-Help then leaves a blank line before the next example
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $CommandNs)
    foreach ($link in @($Source['Links'] | Where-Object { Test-Text $_ })) {
        $W.WriteStartElement('maml', 'navigationLink', $MamlNs)
        if ($link -match '^https?://') {
            $W.WriteElementString('maml', 'linkText', $MamlNs, $Strings.OnlineVersion)
            $W.WriteElementString('maml', 'uri', $MamlNs, $link)
        }
        else {
            if ($link -notin $KnownTopics) { Write-Warning "$($Command.Name): related link '$link' is not an exported cmdlet or an about topic of the module (yet)" }
            $W.WriteElementString('maml', 'linkText', $MamlNs, $link)
            $W.WriteElementString('maml', 'uri', $MamlNs, '')
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}
#endregion
#region translations
# The code of an example without its comments, as tokens: a translation may translate comments, nothing else.
function Get-CodeWithoutComment([string] $Code) {
    $tokens = $null; $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseInput($Code.Replace("`r`n", "`n"), [ref]$tokens, [ref]$errors)
    @($tokens | Where-Object Kind -NE 'Comment' | ForEach-Object Text) -join ' '
}

# The source of one cmdlet in a translation: its text from $Translation, its example code and links from the English
# source. Whatever the translation lacks, or has that the English source has not, is a problem named after $Label.
function Merge-Translation([string] $Label, [hashtable] $English, [hashtable] $Translation) {
    foreach ($key in $Translation.Keys) {
        if ($key -notin $AllowedKeys -or $key -eq 'Links') {
            Add-Problem $Label "unknown key '$key' (a translation gives Synopsis, Description, Parameters, Inputs, Outputs, Notes and Examples; links and example code come from the English source)"
        }
    }
    foreach ($key in 'Inputs', 'Outputs', 'Notes') {
        $inEnglish = Test-Text ([string]($English[$key] -join ''))
        $inTranslation = Test-Text ([string]($Translation[$key] -join ''))
        if ($inEnglish -and -not $inTranslation) { Add-Problem $Label "has no $key text, and the English source has one" }
        if ($inTranslation -and -not $inEnglish) { Add-Problem $Label "has $key text, and the English source has none" }
    }
    $englishParameters = if ($English['Parameters'] -is [hashtable]) { $English['Parameters'] } else { @{} }
    $translatedParameters = if ($Translation['Parameters'] -is [hashtable]) { $Translation['Parameters'] } else { @{} }
    foreach ($name in $englishParameters.Keys) {
        $en = $englishParameters[$name]
        if ($en -is [hashtable] -and (Test-Text $en['DefaultValue'])) {
            $tr = $translatedParameters[$name]
            if (-not ($tr -is [hashtable] -and (Test-Text $tr['DefaultValue']))) {
                Add-Problem $Label "parameter -$name needs @{ Description = '...'; DefaultValue = '...' }: the English source words its default value ('$($en['DefaultValue'])')"
            }
        }
    }
    $englishExamples = @($English['Examples'] | Where-Object { $null -ne $_ })
    $translatedExamples = @($Translation['Examples'] | Where-Object { $null -ne $_ })
    if ($translatedExamples.Count -ne $englishExamples.Count) {
        Add-Problem $Label "has $($translatedExamples.Count) example(s) and the English source $($englishExamples.Count): translate each English example, in the same order"
    }
    $examples = for ($i = 0; $i -lt [math]::Min($englishExamples.Count, $translatedExamples.Count); $i++) {
        $en = $englishExamples[$i]; $tr = $translatedExamples[$i]; $n = $i + 1
        if ($tr -isnot [hashtable] -or $en -isnot [hashtable]) { $tr; continue }
        foreach ($k in $tr.Keys) { if ($k -notin 'Title', 'Code', 'Remarks') { Add-Problem $Label "example $n has an unknown key '$k' (allowed: Title, Code, Remarks)" } }
        if ((Test-Text $en['Title']) -and -not (Test-Text $tr['Title'])) { Add-Problem $Label "example $n has no Title (the English one: '$($en['Title'])')" }
        $code = $en['Code']
        if ((Test-Text $tr['Code']) -and (Test-Text $en['Code'])) {
            if ((Get-CodeWithoutComment $tr['Code']) -ne (Get-CodeWithoutComment $en['Code'])) {
                Add-Problem $Label "example $n has Code that differs from the English example's beyond its comments (leave Code out, or change only comments)"
            }
            $code = $tr['Code']
        }
        @{ Title = $tr['Title']; Code = $code; Remarks = $tr['Remarks'] }
    }
    $merged = @{ Examples = @($examples); Links = $English['Links'] }
    foreach ($key in 'Synopsis', 'Description', 'Parameters', 'Inputs', 'Outputs', 'Notes') {
        if ($Translation.ContainsKey($key)) { $merged[$key] = $Translation[$key] }
    }
    $merged
}

# Common.psd1 of a culture: the shared parameter text, and (for a translation) the writer's own text in its language.
function Read-Common([string] $Folder, [bool] $IsTranslation) {
    $result = @{ Parameters = @{}; Strings = $EnglishStrings }
    $path = Join-Path $Folder $CommonFile
    if (-not (Test-Path -LiteralPath $path)) {
        if ($IsTranslation) { Add-Problem $path "missing: a translation needs its $CommonFile with Parameters and Strings (keys: $($EnglishStrings.Keys -join ', '))" }
        return $result
    }
    $common = Import-PowerShellDataFile -LiteralPath $path
    $allowed = if ($IsTranslation) { 'Parameters', 'Strings' } else { @('Parameters') }
    foreach ($key in $common.Keys) { if ($key -notin $allowed) { throw "$path may only hold $($allowed -join ' and '), not '$key'" } }
    if ($common['Parameters']) { $result.Parameters = $common.Parameters }
    if ($IsTranslation) {
        $strings = if ($common['Strings'] -is [hashtable]) { $common.Strings } else { @{} }
        foreach ($key in $EnglishStrings.Keys) { if (-not (Test-Text $strings[$key])) { Add-Problem $path "Strings has no $key (English: '$($EnglishStrings[$key])')" } }
        foreach ($key in $strings.Keys) { if (-not $EnglishStrings.ContainsKey($key)) { Add-Problem $path "Strings has an unknown key '$key'" } }
        $result.Strings = $strings
    }
    $result
}

# Get-Help in a runspace of its own whose UI culture is $Culture (this runspace caches the help it already read):
# the synopsis of every cmdlet, by name.
function Get-SynopsisInCulture([string] $Culture, [string] $Manifest, [string[]] $Names) {
    $ps = [powershell]::Create()
    try {
        $null = $ps.AddScript('param($Culture, $Manifest, $Names)
            [cultureinfo]::CurrentUICulture = $Culture
            Import-Module $Manifest
            foreach ($n in $Names) { @{ Name = $n; Synopsis = "$((Get-Help $n).Synopsis)".Trim() } }').AddArgument($Culture).AddArgument($Manifest).AddArgument($Names)
        $found = @{}
        foreach ($r in $ps.Invoke()) { $found[$r.Name] = $r.Synopsis }
        if ($ps.HadErrors) { throw "Get-Help under $Culture failed: $($ps.Streams.Error[0])" }
        $found
    }
    finally { $ps.Dispose() }
}
#endregion

$manifest = @(Get-ChildItem -LiteralPath $ModulePath -Filter *.psd1 -File)
if ($manifest.Count -ne 1) { throw "Expected one module manifest in $ModulePath, found $($manifest.Count)" }
$module = Import-Module $manifest[0].FullName -PassThru -Force
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
if (-not $cmdlets) { throw "Module $($module.Name) exports no cmdlet" }
foreach ($f in @($module.ExportedFunctions.Keys)) { Write-Warning "function $f is exported; this script only builds help for cmdlets" }

$knownTopics = @($cmdlets.Name) + @(Get-ChildItem -LiteralPath $ModulePath -Filter 'about_*.help.txt' -Recurse -File |
    ForEach-Object { $_.Name -replace '\.help\.txt$' })

# English first: module/help/<Verb-Noun>.psd1.
$SharedText = (Read-Common $SourcePath $false).Parameters
$models = [ordered]@{}
foreach ($cmd in $cmdlets) {
    $file = Join-Path $SourcePath "$($cmd.Name).psd1"
    if (-not (Test-Path -LiteralPath $file)) {
        Add-Problem $cmd.Name "no help source: create $file (see tools/Build-Help.ps1 for its schema)"
        continue
    }
    try { $source = Import-PowerShellDataFile -LiteralPath $file }
    catch { Add-Problem $cmd.Name "its help source $file cannot be read: $($_.Exception.Message)"; continue }
    $parameters = Get-ParameterModel $cmd $source
    Test-Source $cmd $source $parameters
    $models[$cmd.Name] = @{ Command = $cmd; Source = $source; Parameters = $parameters }
}
foreach ($stale in Get-ChildItem -LiteralPath $SourcePath -Filter *.psd1 -File -ErrorAction SilentlyContinue) {
    if ($stale.BaseName -notin $cmdlets.Name -and $stale.Name -ne $CommonFile) { Write-Warning "help source $($stale.Name) matches no exported cmdlet" }
}
$cultures = [System.Collections.Generic.List[object]]::new()
$cultures.Add(@{ Name = 'en-US'; Models = $models; Strings = $EnglishStrings })

# Then every translation: module/help/<culture>/<Verb-Noun>.psd1 (such as es-ES), checked against the English source
# and the cmdlet, and its about topics in module/<culture>/ beside the English ones in module/en-US/.
$englishTopics = @(Get-ChildItem -LiteralPath (Join-Path $ModulePath 'en-US') -Filter 'about_*.help.txt' -File -ErrorAction SilentlyContinue)
foreach ($folder in Get-ChildItem -LiteralPath $SourcePath -Directory -ErrorAction SilentlyContinue | Sort-Object Name) {
    $culture = $folder.Name
    if ($culture -notmatch '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$') { Write-Warning "help source folder $($folder.Name) is not named after a culture (such as es-ES): ignored"; continue }
    $common = Read-Common $folder.FullName $true
    $SharedText = $common.Parameters
    $Strings = $common.Strings
    $translated = [ordered]@{}
    foreach ($cmd in $cmdlets) {
        $label = "$culture/$($cmd.Name)"
        $file = Join-Path $folder.FullName "$($cmd.Name).psd1"
        if (-not $models.Contains($cmd.Name)) { continue }
        if (-not (Test-Path -LiteralPath $file)) { Add-Problem $label "no translated help source: create $file (the same keys as the English source; example Code may be left out)"; continue }
        try { $source = Import-PowerShellDataFile -LiteralPath $file }
        catch { Add-Problem $label "its help source $file cannot be read: $($_.Exception.Message)"; continue }
        $merged = Merge-Translation $label $models[$cmd.Name].Source $source
        $parameters = Get-ParameterModel $cmd $merged
        Test-Source $cmd $merged $parameters $label
        $translated[$cmd.Name] = @{ Command = $cmd; Source = $merged; Parameters = $parameters }
    }
    foreach ($stale in Get-ChildItem -LiteralPath $folder.FullName -Filter *.psd1 -File) {
        if ($stale.BaseName -notin $cmdlets.Name -and $stale.Name -ne $CommonFile) { Write-Warning "translated help source $culture/$($stale.Name) matches no exported cmdlet" }
    }
    foreach ($topic in $englishTopics) {
        $path = Join-Path $ModulePath "$culture/$($topic.Name)"
        if (-not (Test-Path -LiteralPath $path) -or -not (Test-Text (Get-Content -LiteralPath $path -Raw))) {
            Add-Problem "$culture/$($topic.BaseName -replace '\.help$')" "no translation: create module/$culture/$($topic.Name)"
        }
    }
    $cultures.Add(@{ Name = $culture; Models = $translated; Strings = $common.Strings })
}
$Strings = $EnglishStrings

if ($Problems.Count) {
    foreach ($p in $Problems) { [Console]::Error.WriteLine("Help error: $p") }
    [Console]::Error.WriteLine("$($Problems.Count) help error(s): every exported cmdlet needs module/help/<Verb-Noun>.psd1 with a synopsis, a description, text for every parameter and two examples, and the same in every translation folder (module/help/<culture>/).")
    exit 1
}

# One MAML file per assembly and culture, named as PowerShell looks for it (CmdletInfo.HelpFile), in <culture>/.
$written = @()
foreach ($c in $cultures) {
    $Strings = $c.Strings
    foreach ($group in $cmdlets | Group-Object HelpFile) {
        $folder = Join-Path $ModulePath $c.Name
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        $path = Join-Path $folder $group.Name
        $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false); CheckCharacters = $true }
        $writer = [System.Xml.XmlWriter]::Create($path, $settings)
        try {
            $writer.WriteStartDocument()
            $writer.WriteStartElement('helpItems', 'http://msh')
            $writer.WriteAttributeString('schema', 'maml')
            foreach ($cmd in $group.Group) {
                $m = $c.Models[$cmd.Name]
                try { Write-Command $writer $cmd $m.Source $m.Parameters $knownTopics }
                catch { [Console]::Error.WriteLine("Help error: $($c.Name)/$($cmd.Name): cannot be written as XML: $($_.Exception.Message)"); exit 1 }
            }
            $writer.WriteEndElement()
            $writer.WriteEndDocument()
        }
        finally { $writer.Dispose() }
        [xml] $null = Get-Content -LiteralPath $path -Raw
        $written += $path
    }
}

# PowerShell must read what was written: Get-Help of every cmdlet gives the synopsis of its source, in each culture.
foreach ($c in $cultures) {
    $got = if ($c.Name -eq 'en-US') { @{} } else { Get-SynopsisInCulture $c.Name $manifest[0].FullName @($cmdlets.Name) }
    foreach ($cmd in $cmdlets) {
        $expected = (ConvertTo-Paragraph $c.Models[$cmd.Name].Source.Synopsis) -join ' '
        $synopsis = if ($c.Name -eq 'en-US') { "$((Get-Help $cmd.Name).Synopsis)".Trim() } else { $got[$cmd.Name] }
        if ($synopsis -ne $expected) {
            [Console]::Error.WriteLine("Help error: $($c.Name)/$($cmd.Name): Get-Help under $($c.Name) does not read the generated help (synopsis '$synopsis')")
            exit 1
        }
    }
}
Write-Host "Help of $($cmdlets.Count) cmdlet(s) written to $($written -join ', ')"
exit 0
