using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace OfiSync.PowerShell.Loading;

/// <summary>
/// Loads the engine (OfiSync.Core) and all its dependencies from the module's dependencies/ folder into a
/// context of their own, so another module's Dapper or Microsoft.Data.SqlClient in the default context
/// neither breaks OfiSync nor is broken by it. Framework assemblies fall through to the default context.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private static readonly Lazy<EngineLoadContext> Shared = new(() => new EngineLoadContext(DependenciesFolder()));
    public static EngineLoadContext Instance => Shared.Value;

    private readonly string _root;
    private readonly string _osLibFolder;
    private readonly string _nativeFolder;

    private EngineLoadContext(string root) : base("OfiSync", isCollectible: false)
    {
        _root = root;
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : "unix";
        _osLibFolder = Path.Combine(root, "runtimes", os, "lib", "net8.0");
        _nativeFolder = Path.Combine(root, "runtimes", NativeRuntimeId(), "native");
    }

    private static string DependenciesFolder() =>
        Path.Combine(Path.GetDirectoryName(typeof(EngineLoadContext).Assembly.Location)!, "dependencies");

    protected override Assembly? Load(AssemblyName name)
    {
        var file = name.Name + ".dll";
        if (!string.IsNullOrEmpty(name.CultureName) && !string.Equals(name.CultureName, "neutral", StringComparison.OrdinalIgnoreCase))
        {
            // Translated messages (SqlClient's among them) live in satellite assemblies under a culture folder.
            var satellite = Path.Combine(_root, name.CultureName, file);
            return File.Exists(satellite) ? LoadFromAssemblyPath(satellite) : null;
        }
        foreach (var candidate in new[] { Path.Combine(_osLibFolder, file), Path.Combine(_root, file) })
        {
            if (File.Exists(candidate)) return LoadFromAssemblyPath(candidate);
        }
        return null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var candidate in NativeFileNames(unmanagedDllName))
        {
            var path = Path.Combine(_nativeFolder, candidate);
            if (File.Exists(path)) return LoadUnmanagedDllFromPath(path);
        }
        return IntPtr.Zero;
    }

    private static IEnumerable<string> NativeFileNames(string name)
    {
        yield return name;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            yield return name + ".dll";
        }
        else
        {
            var ext = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ".dylib" : ".so";
            yield return "lib" + name + ext;
            yield return name + ext;
        }
    }

    private static string NativeRuntimeId()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            _ => "x64",
        };
        return os + "-" + arch;
    }
}
