using System.Text.Json;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Infrastructure.Tests.Platform;

/// <summary>What happened to one stack of the local environment during the fixture's cycle.</summary>
public sealed class StackRun(string name, RecordingDeploymentLog log)
{
    public string Name { get; } = name;

    /// <summary>The plan the pipeline applied (it had changes); null when it did not get that far.</summary>
    public PlanResult? Applied { get; set; }

    /// <summary>Outputs after apply, name → JSON value.</summary>
    public IReadOnlyDictionary<string, JsonElement> Outputs { get; set; } = new Dictionary<string, JsonElement>();

    /// <summary>The variables this stack received: its inputs.tfvars.json (environment values, upstream outputs, the build's values).</summary>
    public IReadOnlyDictionary<string, JsonElement> Inputs { get; set; } = new Dictionary<string, JsonElement>();

    /// <summary>The resources in state after apply (terraform state list), to compare with the root module's.</summary>
    public IReadOnlyList<string>? StateAfterApply { get; set; }

    /// <summary>The second plan, after every stack applied: no changes means the stack converges.</summary>
    public PlanResult? NoChangePlan { get; set; }

    public bool Destroyed { get; set; }

    /// <summary>The resources left in state after the destroy: empty when nothing is left.</summary>
    public IReadOnlyList<string>? StateAfterDestroy { get; set; }

    /// <summary>Everything terraform said for this stack.</summary>
    public string Log => log.Of(Name);

    /// <summary>For assertion messages: the step, why it cannot be judged, and the stack's terraform output.</summary>
    public string Explain(string step, Exception? failure) =>
        $"{Name}: {step} did not happen. {(failure is null ? "An earlier stack failed." : failure.Message)}\n--- terraform ({Name}) ---\n{Tail(Log)}";

    private static string Tail(string text) => text.Length > 6000 ? "…" + text[^6000..] : text;
}
