using Cake.Core.Tooling;

namespace DataPlatform.Build.Terraform;

/// <summary>One terraform command: <c>terraform &lt;Command&gt; &lt;Arguments…&gt;</c>.</summary>
public sealed class TerraformSettings : ToolSettings
{
    public required string Command { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];
}
