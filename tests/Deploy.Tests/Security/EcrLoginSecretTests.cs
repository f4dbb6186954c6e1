using DataPlatform.Deploy.Tests.Image;
using Xunit.Abstractions;

namespace DataPlatform.Deploy.Tests.Security;

/// <summary>
/// A real registry password flows: `aws ecr get-login-password` against moto, into the docker login of
/// the release (a fake engine that records what it read on stdin). It must reach docker's stdin and nowhere else.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class EcrLoginSecretTests(MotoFixture moto, ITestOutputHelper output) : IDisposable
{
    private readonly DockerPublication _publication = new(moto);

    [Fact]
    public async Task The_registry_password_reaches_docker_on_stdin_only_and_a_planted_copy_is_caught()
    {
        string log;
        IReadOnlyList<string> argv;
        await using (var sampler = ProcessArguments.Start())
        {
            (_, log) = await _publication.PublishAsync();
            await sampler.DisposeAsync();
            argv = sampler.Seen;
        }

        var password = moto.LoginPassword;
        var login = Assert.Single(_publication.Docker.Calls, c => c.Is("login"));
        Assert.Equal(password, login.Stdin?.Trim());

        var scan = new SecretScan().Secret("the ECR password", password).Text("the release's log", log);
        foreach (var call in _publication.Docker.Calls)
        {
            scan.Text($"docker {call.Argv[0]}'s arguments", string.Join(' ', call.Argv));
        }

        foreach (var line in argv)
        {
            scan.Text($"argv '{(line.Length > 80 ? line[..80] + "…" : line)}'", line);
        }

        output.WriteLine($"the ECR password ({password.Length} chars) reached docker login's stdin; scanned {scan.PlaceCount} places " +
                         $"({argv.Count} distinct argv sampled during the release)");
        Assert.Empty(scan.Findings());

        scan.Text("a copy of the release's log with the password appended", log + Environment.NewLine + password);
        Assert.Equal(["the ECR password in a copy of the release's log with the password appended"], scan.Findings());
    }

    public void Dispose() => _publication.Dispose();
}
