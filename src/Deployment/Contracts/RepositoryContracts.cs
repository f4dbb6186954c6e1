using DataPlatform.Contracts;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Deployment.Contracts;

/// <summary>
/// The repository's <c>contracts/</c>: each file read and checked, and its text by event type, which
/// the compute stack also reads from the same folder and records (output <c>event_contracts</c>), so the next Plan can
/// compare.
/// </summary>
public sealed class RepositoryContracts
{
    public const string Folder = "contracts";

    /// <summary>The compute stack's output that records the contracts it was applied with.</summary>
    public const string StackValue = "event_contracts";

    private RepositoryContracts(ContractSet set, IReadOnlyDictionary<string, string> texts)
    {
        Set = set;
        Texts = texts;
    }

    public static RepositoryContracts Empty { get; } = new(ContractSet.Empty, new Dictionary<string, string>());

    public ContractSet Set { get; }

    /// <summary>Event type → the file's text, exactly as in the repository (and in the image).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    /// <summary>Reads <c>&lt;repositoryRoot&gt;/contracts</c>; none when the folder is absent. A malformed file stops the run.</summary>
    public static RepositoryContracts Read(string repositoryRoot)
    {
        var directory = Path.Combine(repositoryRoot, Folder);
        if (!Directory.Exists(directory))
        {
            return Empty;
        }

        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var contracts = new List<EventContract>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            try
            {
                var contract = ContractLoader.Parse($"{Folder}/{Path.GetFileName(file)}", text);
                contracts.Add(contract);
                texts[contract.EventType] = text;
            }
            catch (ContractFormatException exception)
            {
                throw new DeploymentFailedException(exception.Message, exception);
            }
        }

        return new RepositoryContracts(new ContractSet(contracts), texts);
    }
}
