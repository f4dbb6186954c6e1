using Cake.Core.Tooling;

namespace DataPlatform.Build.Image;

/// <summary>Settings of one docker invocation: Cake's ToolPath, environment and working directory.</summary>
public sealed class DockerSettings : ToolSettings;
