using System.Reflection;
using System.Text.RegularExpressions;

namespace DataPlatform.Processor.Tests.Deployment;

public sealed partial class HandlerStringTests
{
    [Fact]
    public void The_dockerfile_handler_resolves_to_a_public_stream_to_stream_method()
    {
        var dockerfile = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dockerfile"));
        var match = CmdLine().Match(dockerfile);
        Assert.True(match.Success, "The Dockerfile has no CMD [\"Assembly::Type::Method\"] line.");
        var parts = match.Groups[1].Value.Split("::");
        Assert.Equal(3, parts.Length);

        var assembly = Assembly.Load(parts[0]);
        var type = assembly.GetType(parts[1], throwOnError: true)!;
        var method = type.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);

        Assert.NotNull(method);
        Assert.Equal(typeof(Stream), method.ReturnType);
        Assert.Equal([typeof(Stream)], method.GetParameters().Select(p => p.ParameterType));
        Assert.True(method.IsStatic || type.GetConstructor(Type.EmptyTypes) is not null, "The runtime needs a public parameterless constructor.");
        Assert.Equal(Function.HandlerString, match.Groups[1].Value);
    }

    [Fact]
    public void The_image_is_built_on_the_dotnet_10_lambda_base_with_ready_to_run()
    {
        var dockerfile = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Dockerfile"));

        Assert.Contains("FROM public.ecr.aws/lambda/dotnet:10", dockerfile, StringComparison.Ordinal);
        Assert.Contains("-r linux-x64", dockerfile, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", dockerfile, StringComparison.Ordinal);
    }

    [GeneratedRegex("""^CMD\s*\[\s*"([^"]+)"\s*\]""", RegexOptions.Multiline)]
    private static partial Regex CmdLine();
}
