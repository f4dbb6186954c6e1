using System.Runtime.InteropServices;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// The native Parquet writer allocates its pages with malloc, and glibc hands large freed blocks
/// back to the kernel (munmap, heap trimming), so every batch would fault the same pages in again,
/// zeroed (what that cost: bench/README.md). Raising the two thresholds keeps freed blocks for the next batch. The process keeps its peak
/// native memory between batches, which a Lambda execution environment does anyway: its memory
/// is reserved whether used or not. Without glibc (musl, macOS, Windows) nothing changes.
/// </summary>
internal static partial class NativeAllocator
{
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>glibc's ceiling for the mmap threshold on 64-bit: blocks below it come from the heap.</summary>
    private const int MmapThresholdBytes = 32 * 1024 * 1024;

    private const int TrimThresholdBytes = 256 * 1024 * 1024;

    private static readonly Lazy<bool> Tuned = new(Apply);

    /// <summary>Applies the thresholds once per process; true when glibc took both.</summary>
    public static bool KeepFreedMemory() => Tuned.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return mallopt(MmapThreshold, MmapThresholdBytes) == 1 && mallopt(TrimThreshold, TrimThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int parameter, int value);
}
