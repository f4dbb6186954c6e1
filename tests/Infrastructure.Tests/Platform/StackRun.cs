using System.Text.Json;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.Platform;

/// <summary>What happened to one stack of the local environment during the fixture's cycle.</summary>
public sealed class StackRun(string name)
{
    public string Name { get; } = name;

    public TerraformResult? Init { get; set; }

    public TerraformResult? Apply { get; set; }

    public TerraformResult? Output { get; set; }

    /// <summary>Outputs after apply, name → JSON value.</summary>
    public IReadOnlyDictionary<string, JsonElement> Outputs { get; set; } = new Dictionary<string, JsonElement>();

    /// <summary>The <c>-var</c> values this stack received (upstream outputs and the build's values).</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; set; } = new Dictionary<string, string>();

    /// <summary>The second plan, with <c>-detailed-exitcode</c>: 0 means no changes.</summary>
    public TerraformResult? NoChangePlan { get; set; }

    public TerraformResult? Destroy { get; set; }

    /// <summary><c>terraform state list</c> after the destroy: empty when nothing is left.</summary>
    public TerraformResult? StateAfterDestroy { get; set; }

    /// <summary>The first step that failed, for assertion messages of later steps.</summary>
    public string Explain(string step) =>
        new[] { Init, Apply, Output, NoChangePlan, Destroy, StateAfterDestroy }
            .FirstOrDefault(r => r is { ExitCode: not 0 } && !(r == NoChangePlan && r.ExitCode == 2)) is { } failed
            ? $"{Name}: {step} cannot be judged because an earlier step failed. {failed.Describe()}"
            : $"{Name}: {step} did not run (an earlier stack failed).";
}
