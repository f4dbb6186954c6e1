using Cake.Core;

namespace DataPlatform.Build.Tests.Fakes;

/// <summary>A typed context like the real one, which remembers what ran.</summary>
public sealed class RecordingContext(ICakeContext context, List<string> journal) : CakeContextAdapter(context)
{
    public List<string> Journal { get; } = journal;
}
