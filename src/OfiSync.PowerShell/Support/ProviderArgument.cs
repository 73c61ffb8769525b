using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfiSync.Core.Providers;

namespace OfiSync.PowerShell.Support;

/// <summary>Tab completion of -Provider: the databases OfiSync knows.</summary>
public sealed class ProviderNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        DatabaseProviders.Names.Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}

/// <summary>-Provider must name a database OfiSync knows (a name or an alias, ignoring case); the error lists them.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateProviderAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var name = (arguments as PSObject)?.BaseObject as string ?? arguments as string;
        if (DatabaseProviders.Find(name) is null) throw new ValidationMetadataException(Core.Messages.ProviderUnknown(name, DatabaseProviders.Names));
    }
}
