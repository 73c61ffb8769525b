using System.Diagnostics;
using Xunit;

namespace OfiSync.Core.Tests.Infrastructure;

/// <summary>
/// Makes files and folders unwritable for real with chattr +i: even root (the tests' account, which ignores file
/// permissions) can then neither write them nor create a file in the folder, as an account with read access only.
/// </summary>
public static class ImmutableFiles
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why chattr +i cannot be used here (not Linux, not root, a file system without the attribute); null when it can.</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public static void Set(string path) => Run("+i", path);

    /// <summary>Undoes <see cref="Set"/> on a folder and everything in it; never throws (used in Dispose).</summary>
    public static void ClearAll(string folder)
    {
        if (Directory.Exists(folder)) Chattr("-R", "-i", folder);
    }

    private static void Run(string flag, string path)
    {
        var (code, error) = Chattr(flag, path);
        if (code != 0) throw new InvalidOperationException($"chattr {flag} {path} failed: {error}");
    }

    private static (int Code, string Error) Chattr(params string[] arguments)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "chattr +i is a Linux file attribute";
        var folder = Path.Combine(Path.GetTempPath(), "ofisync-chattr-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "probe");
        File.WriteAllText(file, "x");
        try
        {
            var (code, error) = Chattr("+i", file);
            if (code != 0) return "chattr +i is not available here (it needs root and ext4 or a similar file system): " + error.Trim();
            try { File.AppendAllText(file, "y"); return "chattr +i did not make a file read-only here"; }
            catch (UnauthorizedAccessException) { return null; }
            catch (IOException) { return null; }
        }
        catch (System.ComponentModel.Win32Exception ex) { return "chattr cannot be run: " + ex.Message; }
        finally
        {
            ClearAll(folder);
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>A fact that needs <see cref="ImmutableFiles"/>; skipped, saying why, where chattr +i does not work.</summary>
public sealed class ImmutableFilesFactAttribute : FactAttribute
{
    public ImmutableFilesFactAttribute()
    {
        if (ImmutableFiles.WhyUnavailable is { } why) Skip = why;
    }
}
