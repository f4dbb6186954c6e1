using DataPlatform.Processor.Lake;

namespace DataPlatform.Processor.Tests.Lake;

public sealed class NativeAllocatorTests
{
    [Fact]
    public void Glibc_keeps_freed_native_memory_for_the_next_batch()
    {
        // Linux here means glibc, as in the Lambda image: both thresholds must be accepted. Elsewhere
        // the allocator is left alone and says so.
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.KeepFreedMemory());
    }
}
