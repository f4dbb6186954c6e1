using System.Text.RegularExpressions;

namespace DataPlatform.Operations.Status;

/// <summary>
/// The reason a body was refused, without the details that differ from body to body (a byte position,
/// a body's length), so that a thousand broken bodies count as one reason rather than a thousand.
/// </summary>
public static partial class QuarantineReason
{
    public static string Of(string error)
    {
        var reason = PositionDetails().Replace(error, "");
        return Measured().Replace(reason, "N");
    }

    // "(line 1, byte 5)": where in one body the JSON broke.
    [GeneratedRegex(@"\s*\((?:line|byte)[^)]*\)")]
    private static partial Regex PositionDetails();

    // "the body is 300000 bytes": a size measured on one body; limits of the contract (1-64) are shorter.
    [GeneratedRegex(@"\b\d{3,}\b")]
    private static partial Regex Measured();
}
