using System.Collections.Concurrent;
using System.Text.Json;
using DataPlatform.Deployment.Contracts;

namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// The stacks of one environment, driven in dependency order: each stack's inputs are the
/// environment's values it declares and the outputs of the stacks it depends on. Plans run side
/// by side where their inputs are known, and a plan is redone only when an apply upstream changed
/// what it was made from. The build's tasks and the infrastructure tests both drive this class.
/// </summary>
public sealed class StackPipeline
{
    private readonly StackPipelineOptions _options;
    private readonly Dictionary<string, StackRunner> _runners;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonElement>> _outputs = new();

    public StackPipeline(StackPipelineOptions options)
    {
        _options = options;
        _runners = StackCatalog.All.Append(StackCatalog.Access).ToDictionary(
            s => s.Name,
            s => new StackRunner(
                new StackWorkspace(options.RepositoryRoot, options.Environment, s, options.StateRoot),
                options.Terraform,
                options.Aws.ProcessEnvironment,
                options.Log));
        RefuseUndeclaredValues();
        var workspace = _runners[StackCatalog.All[0].Name].Workspace;
        if (TerraformWorkingCopy.Refresh(options.RepositoryRoot, workspace.WorkingCopy, workspace.UsesLocalState))
        {
            options.Log.Information(
                $"Terraform runs in {options.Environment.Name}'s copy of terraform/ ({workspace.WorkingCopy}), refreshed from the source just now; " +
                "file names and line numbers in its messages are those of terraform/.");
        }
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
    /// <paramref name="values"/> are values only the caller knows (the access stack's repository),
    /// given to each stack that declares them.
    /// </summary>
    public IReadOnlyList<PlanResult> Converge(IReadOnlyList<Stack> stacks, IReadOnlyDictionary<string, JsonElement>? values = null)
    {
        var involved = stacks.SelectMany(s => s.DependsOn.Select(StackCatalog.Get)).Concat(stacks).Distinct().ToList();
        Init(involved);
        ReadOutputs(involved);

        var early = new ConcurrentDictionary<string, (PlanResult Plan, string Fingerprint)>();
        var ready = stacks.Where(s => s.DependsOn.All(d => OutputsOf(StackCatalog.Get(d)).Count > 0)).ToList();
        Parallel.ForEach(ready, Parallelism(), stack =>
        {
            var (inputs, _) = Inputs(stack, allowPlaceholders: false, values);
            early[stack.Name] = (this[stack].Plan(inputs, []), Fingerprint(inputs));
        });

        var results = new List<PlanResult>();
        foreach (var stack in stacks)
        {
            var (inputs, _) = Inputs(stack, allowPlaceholders: false, values);
            var plan = early.TryGetValue(stack.Name, out var made) && made.Fingerprint == Fingerprint(inputs)
                ? made.Plan
                : this[stack].Plan(inputs, []);
            results.Add(plan);
            if (!plan.HasChanges)
            {
                _options.Log.Information($"{stack.Name}: no changes.");
                continue;
            }

            DataLossGuard.Check(plan, _options.Environment.Name, _options.AllowDataLoss);
            // Its outputs are still those of the last apply: the contracts it recorded then (the compute stack's
            // event_contracts; a stack without that output has nothing to compare).
            ContractGuard.Check(ContractGuard.Changes(OutputsOf(stack), _options.EventContracts), _options.Environment.Name, _options.AllowBreakingContracts);

            _options.Approval.Confirm(plan);
            _options.Log.Information($"{stack.Name}: applying {plan.Summary} ...");
            var took = this[stack].Apply();
            _outputs[stack.Name] = this[stack].ReadOutputs();
            _options.Log.Information($"{stack.Name}: applied {plan.Summary} in {took.TotalSeconds:0.0} s.");
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
                _options.Log.Information($"{stack.Name}: nothing to destroy.");
                continue;
            }

            _options.Approval.Confirm(plan);
            _options.Log.Information($"{stack.Name}: destroying {plan.Remove} resource(s) ...");
            this[stack].Apply();
            _outputs[stack.Name] = new Dictionary<string, JsonElement>();
        }
    }

    /// <summary>
    /// A stack's variables: the environment's values, the resolved region and emulator endpoint,
    /// upstream outputs and the image the build chose; only what the stack declares. Where an
    /// upstream has no outputs yet, placeholders stand in when allowed.
    /// </summary>
    public (IReadOnlyDictionary<string, JsonElement> Inputs, IReadOnlyList<string> Placeholders) Inputs(
        Stack stack, bool allowPlaceholders, IReadOnlyDictionary<string, JsonElement>? values = null)
    {
        var inputs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var placeholders = new List<string>();
        var declared = this[stack].DeclaredVariables;
        foreach (var (name, value) in _options.Environment.StackValues.Concat(values ?? new Dictionary<string, JsonElement>()).Where(v => declared.Contains(v.Key)))
        {
            inputs[name] = value;
        }

        // Values only the build knows: the region the flag may have changed, and where the emulator is.
        inputs["region"] = JsonSerializer.SerializeToElement(_options.Aws.Region);
        if (_options.Aws.Endpoint is { } endpoint)
        {
            inputs["aws_endpoint_url"] = JsonSerializer.SerializeToElement(endpoint.ToString().TrimEnd('/'));
        }

        foreach (var upstream in stack.DependsOn.Select(StackCatalog.Get))
        {
            var outputs = OutputsOf(upstream);
            var names = outputs.Count > 0 ? outputs.Keys : TerraformDeclarations.Outputs(this[upstream].Workspace.SourceDirectory);
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
            var image = _options.ImageUri()
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

        foreach (var (name, value) in PlaceholderInputs.For(this[stack].Workspace.SourceDirectory, placeholders, inputs, _options.Aws.Region))
        {
            inputs[name] = value;
        }

        return (inputs, placeholders);
    }

    /// <summary>A value no stack declares would be dropped without a word: most likely a typo, so it stops the run.</summary>
    private void RefuseUndeclaredValues()
    {
        var declared = _runners.Values.SelectMany(r => r.DeclaredVariables).ToHashSet(StringComparer.Ordinal);
        var unknown = _options.Environment.StackValues.Select(v => v.Key).Where(k => !declared.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new DeploymentFailedException(
                $"{Path.GetFileName(_options.Environment.VariablesFile)} sets {string.Join(", ", unknown)}, which no stack declares, so it would have no effect. " +
                $"Check the spelling against the variables of terraform/stacks/*/ (or remove the line).");
        }
    }

    private static string Fingerprint(IReadOnlyDictionary<string, JsonElement> inputs) =>
        string.Join('\n', inputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.GetRawText()}"));

    // Terraform spends most of a plan starting its provider; two cores run about two at a time well.
    private static ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) };
}
