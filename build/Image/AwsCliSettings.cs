using Cake.Core.Tooling;

namespace DataPlatform.Build.Image;

/// <summary>Settings of one aws CLI invocation: Cake's ToolPath, environment and working directory.</summary>
public sealed class AwsCliSettings : ToolSettings;
