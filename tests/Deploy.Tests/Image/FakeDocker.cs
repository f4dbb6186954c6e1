using System.Text.Json;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// The recording fake docker (fake-docker.py, next to the test binaries) copied into its own temp
/// folder, with the calls it recorded. Tests hand its path to the release as the docker tool
/// path, so the PATH of the test process is never touched and tests can't see each other's calls.
/// </summary>
public sealed class FakeDocker : IDisposable
{
    public FakeDocker()
    {
        Directory.CreateDirectory(Folder);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Image", "fake-docker.py"), Executable);
        // The fake is a Python script run through its shebang, which needs the execute bit (a no-op concept on Windows).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "fake-docker-" + Guid.NewGuid().ToString("N")[..10]);

    public string Executable => Path.Combine(Folder, "docker");

    /// <summary>Every call so far, in order.</summary>
    public IReadOnlyList<DockerCall> Calls
    {
        get
        {
            var log = Path.Combine(Folder, "calls.jsonl");
            return File.Exists(log)
                ? File.ReadAllLines(log).Select(l => JsonSerializer.Deserialize<DockerCall>(l, Options)!).ToList()
                : [];
        }
    }

    /// <summary>Makes a behaviour fail from now on: "no-engine", "no-buildx" or "push-fails".</summary>
    public void SwitchOn(string failure) => File.WriteAllText(Path.Combine(Folder, failure), "");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
}
