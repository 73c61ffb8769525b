using System.Globalization;
using System.Management.Automation;

namespace OfiSync.PowerShell.Support;

/// <summary>
/// A date given as text is read with the invariant culture, as PowerShell reads [datetime]'2025-06-30' and binds the
/// parameters of scripts and functions. Without it a compiled cmdlet binds text with the current culture: under
/// th-TH '2025-06-30' is the Buddhist year 2025 (the Gregorian 1482), under de-DE '03/01/2025' is the 3rd of January.
/// A [datetime] passes unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class InvariantDateTimeAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        if ((inputData is PSObject wrapped ? wrapped.BaseObject : inputData) is not string text) return inputData;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)) return date;
        throw new ArgumentTransformationMetadataException(Core.Messages.DateNotUnderstood(text));
    }
}
