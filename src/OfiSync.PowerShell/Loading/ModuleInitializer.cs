using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace OfiSync.PowerShell.Loading;

/// <summary>Sends every request for the engine assembly to OfiSync's own load context.</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssemblyName = "OfiSync.Core";

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssemblyName ? EngineLoadContext.Instance.LoadFromAssemblyName(name) : null;
}
