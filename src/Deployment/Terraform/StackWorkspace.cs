using DataPlatform.Deployment.Environments;

namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// Where one stack of one environment keeps its Terraform files, and the arguments that wire it.
/// Everything lives under <c>&lt;state&gt;/&lt;env&gt;/terraform/</c>: the working copy of the code
/// (<c>src/</c>) and, per stack, terraform's data, the state file (no backend file), the inputs and the plan.
/// </summary>
public sealed class StackWorkspace
{
    public StackWorkspace(string repositoryRoot, EnvironmentSettings environment, Stack stack, string stateRoot)
    {
        RepositoryRoot = Path.GetFullPath(repositoryRoot);
        Environment = environment;
        Stack = stack;
        EnvironmentDirectory = Path.Combine(Path.GetFullPath(stateRoot), environment.Name, "terraform");
        var own = Path.Combine(EnvironmentDirectory, stack.Name);
        DataDirectory = Path.Combine(own, ".terraform");
        StateFile = Path.Combine(own, "terraform.tfstate");
        PlanFile = Path.Combine(own, "plan.tfplan");
        InputsFile = Path.Combine(own, "inputs.tfvars.json");
    }

    public string RepositoryRoot { get; }

    public EnvironmentSettings Environment { get; }

    public Stack Stack { get; }

    /// <summary><c>&lt;state&gt;/&lt;env&gt;/terraform</c>.</summary>
    public string EnvironmentDirectory { get; }

    /// <summary>The environment's copy of <c>terraform/stacks</c> and <c>terraform/modules</c> (see <see cref="TerraformWorkingCopy"/>).</summary>
    public string WorkingCopy => Path.Combine(EnvironmentDirectory, "src");

    /// <summary>Where terraform runs: the stack in the working copy.</summary>
    public string StackDirectory => Path.Combine(WorkingCopy, "stacks", Stack.Name);

    /// <summary>The stack in the source tree, for messages.</summary>
    public string SourceDirectory => Path.Combine(RepositoryRoot, "terraform", "stacks", Stack.Name);

    /// <summary>No backend file: state in <see cref="StateFile"/>.</summary>
    public bool UsesLocalState => Environment.BackendFile is null;

    /// <summary>Terraform's working data (<c>TF_DATA_DIR</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>The state file when <see cref="UsesLocalState"/>; unused for remote state.</summary>
    public string StateFile { get; }

    public string PlanFile { get; }

    /// <summary>The stack's variables, written by the build for each plan (<c>-var-file</c>).</summary>
    public string InputsFile { get; }

    /// <summary>The state key of this stack in the environment's state bucket.</summary>
    public string StateKey => $"{Environment.Name}/{Stack.Name}.tfstate";

    /// <summary>Arguments of <c>terraform init</c> after the command name.</summary>
    public IReadOnlyList<string> InitArguments()
    {
        var arguments = new List<string> { "-input=false", "-reconfigure" };
        if (Environment.BackendFile is { } backend)
        {
            arguments.Add($"-backend-config={backend}");
            arguments.Add($"-backend-config=key={StateKey}");
        }
        else
        {
            arguments.Add($"-backend-config=path={StateFile}");
        }

        if (File.Exists(Path.Combine(SourceDirectory, ".terraform.lock.hcl")))
        {
            // The committed lock file is the source of truth; init must not rewrite it.
            arguments.Add("-lockfile=readonly");
        }

        return arguments;
    }

    /// <summary>Environment variables every terraform process of this stack gets.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["TF_DATA_DIR"] = DataDirectory,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
        };
        foreach (var (key, value) in TerraformCliConfig.OfflineEnvironment(EnvironmentDirectory))
        {
            environment[key] = value;
        }

        return environment;
    }
}
