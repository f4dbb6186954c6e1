using System.Reflection.PortableExecutable;

namespace DataPlatform.Processor.Bench;

/// <summary>Tells whether an assembly was compiled ReadyToRun (so first-batch figures say which they are).</summary>
internal static class ReadyToRunCheck
{
    public static bool IsReadyToRun(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
