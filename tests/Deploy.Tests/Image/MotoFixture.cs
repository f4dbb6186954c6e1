using DataPlatform.Build.Image;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>
/// One real moto server for the whole test assembly, and the expensive local publication made
/// once on first use (a ReadyToRun dotnet publish takes tens of seconds).
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private LocalPublication? _publication;
    private DockerPublication? _dockerPublication;
    private (PublishedImage Image, string Log)? _dockerResult;
    private MotoServer? _server;
    private string? _password;

    public Uri Endpoint => _server?.Endpoint ?? throw new InvalidOperationException("moto is not running.");

    public Ecr Ecr => new(Endpoint);

    /// <summary>moto's registry password: the same for every call, so it is asked for once.</summary>
    public string LoginPassword => _password ??= Ecr.LoginPassword();

    public async Task InitializeAsync() => _server = await MotoServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _publication?.Dispose();
        _dockerPublication?.Dispose();
    }

    /// <summary>
    /// One publish through the fake docker that several contract tests inspect (each publish
    /// costs a handful of aws CLI calls).
    /// </summary>
    public async Task<(DockerPublication Publication, PublishedImage Image, string Log)> DockerPublicationAsync()
    {
        await _publishing.WaitAsync();
        try
        {
            _dockerPublication ??= new DockerPublication(this);
            _dockerResult ??= await _dockerPublication.PublishAsync();
            return (_dockerPublication, _dockerResult.Value.Image, _dockerResult.Value.Log);
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>The first local (no Docker engine) publish of a copy of the repository; shared by the tests that inspect it.</summary>
    public async Task<LocalPublication> LocalPublicationAsync()
    {
        await _publishing.WaitAsync();
        try
        {
            return _publication ??= await LocalPublication.CreateAsync(this);
        }
        finally
        {
            _publishing.Release();
        }
    }
}
