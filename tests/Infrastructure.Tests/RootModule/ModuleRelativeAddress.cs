using System.Text.RegularExpressions;

namespace DataPlatform.Infrastructure.Tests.RootModule;

/// <summary>
/// A resource's address with the instance key of a module call dropped, so that the root module's
/// <c>module.processor[0].aws_lambda_function.this</c> (counted: it waits for an image) and the
/// compute stack's <c>module.processor.aws_lambda_function.this</c> are the same resource.
/// </summary>
public static partial class ModuleRelativeAddress
{
    public static string Of(string address) => ModuleInstanceKey().Replace(address, "$1");

    public static SortedSet<string> Of(IEnumerable<string> addresses) => new(addresses.Select(Of), StringComparer.Ordinal);

    [GeneratedRegex(@"(module\.[A-Za-z0-9_-]+)\[[^\]]+\]")]
    private static partial Regex ModuleInstanceKey();
}
