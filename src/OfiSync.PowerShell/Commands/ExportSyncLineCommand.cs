using System.Management.Automation;
using System.Text;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;
using OfiSync.PowerShell.Support;

namespace OfiSync.PowerShell.Commands;

/// <summary>
/// Writes lines, with the connections they use, as JSON that Import-SyncLine reads back: configuration to keep
/// in version control. No secret is ever in it. Without -Path, the JSON goes to the pipeline.
/// </summary>
[Cmdlet(VerbsData.Export, "SyncLine", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(string), typeof(System.IO.FileInfo))]
public sealed class ExportSyncLineCommand : OfiSyncCmdlet
{
    private readonly List<SyncLine> _lines = new();

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(LineNameCompleter))]
    public string[] Name { get; set; } = { "*" };

    [Parameter(Position = 1)]
    public string? Path { get; set; }

    /// <summary>Do not overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Write the file's FileInfo to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var all = OpenStore().GetLines();
        foreach (var pattern in Name)
        {
            var matches = Wildcards.Match(all, l => l.Name, pattern);
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
                WriteError(Errors.NotFound(ErrorIds.SyncLineNotFound, pattern, Core.Messages.LineNotFound(pattern)));
            _lines.AddRange(matches.Where(m => _lines.All(l => l.Id != m.Id)));
        }
    }

    protected override void EndProcessing()
    {
        var store = OpenStore();
        var names = _lines.SelectMany(l => new[] { l.Source, l.Target }).Distinct(StringComparer.OrdinalIgnoreCase);
        var document = new LineDocument
        {
            Lines = LineOrder.Sort(_lines, _lines),
            Connections = names.Select(store.GetConnection).OfType<SyncConnection>().ToList(),
        };
        var json = document.ToJson();
        if (Path is null)
        {
            WriteObject(json);
            return;
        }
        var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (NoClobber && File.Exists(full))
        {
            WriteError(Errors.Create(ErrorIds.FileExists, ErrorCategory.ResourceExists, full, Core.Messages.ExportFileExists(full)));
            return;
        }
        if (!ShouldProcess(full, Core.Messages.ActionExport(_lines.Count))) return;
        try
        {
            File.WriteAllText(full, json, new UTF8Encoding(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(Errors.Create(ErrorIds.ExportWriteFailed, ErrorCategory.WriteError, full, ex.Message, ex));
            return;
        }
        if (PassThru) WriteObject(new FileInfo(full));
    }
}
