namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// Where one stack of one environment keeps its Terraform files, and the arguments that wire it:
/// the build and the tests both go through here so they init, plan and apply the same way.
/// </summary>
public sealed class StackWorkspace
{
    public const string LocalEnvironment = "local";
    public const string BackendOverrideFile = "backend_override.tf";

    // The stacks declare an S3 backend; the local environment keeps its state in files instead.
    // The override's text is the same for every run (the path comes with -backend-config), so
    // concurrent local runs can write it without stepping on each other.
    public const string LocalBackendOverride = "terraform {\n  backend \"local\" {}\n}\n";

    public StackWorkspace(string repositoryRoot, string environment, Stack stack, string stateRoot)
    {
        RepositoryRoot = Path.GetFullPath(repositoryRoot);
        Environment = environment;
        Stack = stack;
        var environmentState = Path.Combine(Path.GetFullPath(stateRoot), environment, "terraform");
        DataDirectory = Path.Combine(environmentState, stack.Name, ".terraform");
        StateFile = Path.Combine(environmentState, stack.Name, "terraform.tfstate");
        PlanFile = Path.Combine(environmentState, stack.Name, "plan.tfplan");
    }

    public string RepositoryRoot { get; }

    public string Environment { get; }

    public Stack Stack { get; }

    public bool UsesLocalState => Environment == LocalEnvironment;

    public string StackDirectory => Path.Combine(RepositoryRoot, "terraform", "stacks", Stack.Name);

    public string VariablesFile => Path.Combine(RepositoryRoot, "terraform", "environments", $"{Environment}.tfvars");

    public string BackendConfigFile => Path.Combine(RepositoryRoot, "terraform", "environments", $"{Environment}.backend.hcl");

    /// <summary>Terraform's working data (<c>TF_DATA_DIR</c>), kept per environment and outside the source tree.</summary>
    public string DataDirectory { get; }

    /// <summary>The state file of the local environment; unused for remote state.</summary>
    public string StateFile { get; }

    public string PlanFile { get; }

    /// <summary>The state key of this stack in the environment's state bucket.</summary>
    public string StateKey => $"{Environment}/{Stack.Name}.tfstate";

    /// <summary>Creates the folders and puts the backend override in place (or removes it for remote state).</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(DataDirectory);
        var overridePath = Path.Combine(StackDirectory, BackendOverrideFile);
        if (UsesLocalState)
        {
            if (!File.Exists(overridePath) || File.ReadAllText(overridePath) != LocalBackendOverride)
            {
                File.WriteAllText(overridePath, LocalBackendOverride);
            }
        }
        else if (File.Exists(overridePath))
        {
            File.Delete(overridePath);
        }
    }

    /// <summary>Arguments of <c>terraform init</c> after the command name.</summary>
    public IReadOnlyList<string> InitArguments()
    {
        var arguments = new List<string> { "-input=false", "-reconfigure" };
        if (UsesLocalState)
        {
            arguments.Add($"-backend-config=path={StateFile}");
        }
        else
        {
            arguments.Add($"-backend-config={BackendConfigFile}");
            arguments.Add($"-backend-config=key={StateKey}");
        }

        if (File.Exists(Path.Combine(StackDirectory, ".terraform.lock.hcl")))
        {
            // The committed lock file is the source of truth; init must not rewrite it.
            arguments.Add("-lockfile=readonly");
        }

        return arguments;
    }

    /// <summary>
    /// Variable arguments for plan and destroy: the environment's file, then each given variable
    /// (upstream outputs and values only the build knows, such as the emulator endpoint).
    /// </summary>
    public IReadOnlyList<string> VariableArguments(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var arguments = new List<string> { $"-var-file={VariablesFile}" };
        arguments.AddRange(variables.Select(v => $"-var={v.Key}={v.Value}"));
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
        foreach (var (key, value) in TerraformCliConfig.OfflineEnvironment(Path.GetFullPath(Path.Combine(DataDirectory, "..", ".."))))
        {
            environment[key] = value;
        }

        return environment;
    }
}
