using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Terraform;

/// <summary>
/// The stacks of one environment, driven in dependency order: each stack's inputs are the
/// outputs of the stacks it depends on. Plans run side by side where their inputs are known,
/// and a plan is redone only when an apply upstream changed what it was made from.
/// </summary>
public sealed partial class StackPipeline
{
    private readonly BuildContext _context;
    private readonly Dictionary<string, StackRunner> _runners;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonElement>> _outputs = new();

    public StackPipeline(BuildContext context)
    {
        _context = context;
        var tool = TerraformTool.For(context);
        var log = new StackLog(context.Log);
        _runners = StackCatalog.All.ToDictionary(
            s => s.Name,
            s => new StackRunner(new StackWorkspace(context.RepositoryRoot, context.Deployment.Name, s, context.StateDirectory), tool, context.Aws, log));
    }

    public StackRunner this[Stack stack] => _runners[stack.Name];

    /// <summary>Outputs read so far (after <see cref="ReadOutputs"/> or an apply).</summary>
    public IReadOnlyDictionary<string, JsonElement> OutputsOf(Stack stack) =>
        _outputs.TryGetValue(stack.Name, out var outputs) ? outputs : new Dictionary<string, JsonElement>();

    public void Init(IEnumerable<Stack> stacks) => Parallel.ForEach(stacks, Parallelism(), s => this[s].Init());

    /// <summary>Reads the outputs of each stack from its state (no provider starts, so it is quick).</summary>
    public void ReadOutputs(IEnumerable<Stack> stacks) =>
        Parallel.ForEach(stacks, Parallelism(), s => _outputs[s.Name] = this[s].ReadOutputs());

    /// <summary>Plans every stack side by side; upstream outputs that do not exist yet are placeholders.</summary>
    public IReadOnlyList<PlanResult> PlanAll(IReadOnlyList<Stack> stacks, bool destroy = false)
    {
        var results = new PlanResult[stacks.Count];
        Parallel.For(0, stacks.Count, Parallelism(), i =>
        {
            var (inputs, placeholders) = Inputs(stacks[i], allowPlaceholders: true);
            results[i] = this[stacks[i]].Plan(inputs, placeholders, destroy);
        });
        return results;
    }

    /// <summary>
    /// Brings the stacks to their configuration, in order: plan (side by side where upstream
    /// outputs are known), check for data loss, ask, apply, read outputs. Returns each stack's plan.
    /// </summary>
    public IReadOnlyList<PlanResult> Converge(IReadOnlyList<Stack> stacks)
    {
        var involved = stacks.SelectMany(s => s.DependsOn.Select(StackCatalog.Get)).Concat(stacks).Distinct().ToList();
        Init(involved);
        ReadOutputs(involved);

        var early = new ConcurrentDictionary<string, (PlanResult Plan, string Fingerprint)>();
        var ready = stacks.Where(s => s.DependsOn.All(d => OutputsOf(StackCatalog.Get(d)).Count > 0)).ToList();
        Parallel.ForEach(ready, Parallelism(), stack =>
        {
            var (inputs, _) = Inputs(stack, allowPlaceholders: false);
            early[stack.Name] = (this[stack].Plan(inputs, []), Fingerprint(inputs));
        });

        var results = new List<PlanResult>();
        foreach (var stack in stacks)
        {
            var (inputs, _) = Inputs(stack, allowPlaceholders: false);
            var plan = early.TryGetValue(stack.Name, out var made) && made.Fingerprint == Fingerprint(inputs)
                ? made.Plan
                : this[stack].Plan(inputs, []);
            results.Add(plan);
            if (!plan.HasChanges)
            {
                _context.Log.Information($"{stack.Name}: no changes.");
                continue;
            }

            DataLossGuard.Check(plan, _context.Deployment.Name, _context.AllowDataLoss);
            ChangeApproval.Confirm(_context, plan);
            _context.Log.Information($"{stack.Name}: applying {plan.Summary} ...");
            var took = this[stack].Apply();
            _outputs[stack.Name] = this[stack].ReadOutputs();
            _context.Log.Information($"{stack.Name}: applied {plan.Summary} in {took.TotalSeconds:0.0} s.");
        }

        return results;
    }

    /// <summary>Destroys the stacks in reverse dependency order; stacks without state are passed over.</summary>
    public void Destroy(IReadOnlyList<Stack> stacks)
    {
        Init(StackCatalog.All);
        ReadOutputs(StackCatalog.All);
        foreach (var stack in stacks)
        {
            var (inputs, placeholders) = Inputs(stack, allowPlaceholders: true);
            var plan = this[stack].Plan(inputs, placeholders, destroy: true);
            if (!plan.HasChanges)
            {
                _context.Log.Information($"{stack.Name}: nothing to destroy.");
                continue;
            }

            ChangeApproval.Confirm(_context, plan);
            _context.Log.Information($"{stack.Name}: destroying {plan.Remove} resource(s) ...");
            this[stack].Apply();
            _outputs[stack.Name] = new Dictionary<string, JsonElement>();
        }
    }

    /// <summary>
    /// A stack's variables from upstream outputs (and the image the build chose). Where an
    /// upstream has no outputs yet, placeholders stand in when allowed.
    /// </summary>
    public (IReadOnlyDictionary<string, JsonElement> Inputs, IReadOnlyList<string> Placeholders) Inputs(Stack stack, bool allowPlaceholders)
    {
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var placeholders = new List<string>();
        var declared = this[stack].DeclaredVariables;
        foreach (var upstream in stack.DependsOn.Select(StackCatalog.Get))
        {
            var outputs = OutputsOf(upstream);
            var names = outputs.Count > 0 ? outputs.Keys : DeclaredOutputs(upstream);
            foreach (var name in names.Where(declared.Contains))
            {
                if (outputs.TryGetValue(name, out var value))
                {
                    inputs[name] = value;
                }
                else if (allowPlaceholders)
                {
                    placeholders.Add(name);
                }
                else
                {
                    throw new InvalidOperationException($"The {upstream.Name} stack has no output {name}; apply it before {stack.Name}.");
                }
            }
        }

        if (declared.Contains("image_uri"))
        {
            var image = _context.ImageUri
                ?? (OutputsOf(stack).TryGetValue("processor_image_uri", out var deployed) ? deployed.GetString() : null);
            if (image is not null)
            {
                inputs["image_uri"] = JsonSerializer.SerializeToElement(image);
            }
            else if (allowPlaceholders)
            {
                placeholders.Add("image_uri");
            }
            else
            {
                throw new InvalidOperationException("No image to deploy: the Image task must run before the compute stack.");
            }
        }

        foreach (var (name, value) in PlaceholderInputs.For(this[stack].Workspace.StackDirectory, placeholders, inputs, _context.Aws.Region))
        {
            inputs[name] = value;
        }

        return (inputs, placeholders);
    }

    private IEnumerable<string> DeclaredOutputs(Stack stack) => Directory
        .EnumerateFiles(this[stack].Workspace.StackDirectory, "*.tf")
        .SelectMany(file => OutputBlock().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value));

    private static string Fingerprint(IReadOnlyDictionary<string, JsonElement> inputs) =>
        string.Join('\n', inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.GetRawText()}"));

    // Terraform spends most of a plan starting its provider; two cores run about two at a time well.
    private static ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };

    [GeneratedRegex(@"^\s*output\s+""([A-Za-z0-9_-]+)""", RegexOptions.Multiline)]
    private static partial Regex OutputBlock();
}
