using System.Runtime.InteropServices;

namespace DataPlatform.Processor.Lake;

/// <summary>
/// The few arrays one column's text lives in, pinned while the native writer reads them. A column
/// of 10,000 values comes from one to four arenas, so a short list beats a handle per value.
/// </summary>
internal unsafe struct PinnedArrays
{
    private List<(byte[] Array, GCHandle Handle)>? _pins;
    private byte[]? _last;
    private byte* _lastStart;

    public byte* Pin(byte[] array)
    {
        if (ReferenceEquals(array, _last))
        {
            return _lastStart;
        }

        _pins ??= new List<(byte[], GCHandle)>(4);
        var handle = default(GCHandle);
        foreach (var pin in _pins)
        {
            if (ReferenceEquals(pin.Array, array))
            {
                handle = pin.Handle;
                break;
            }
        }

        if (!handle.IsAllocated)
        {
            handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            _pins.Add((array, handle));
        }

        _last = array;
        _lastStart = (byte*)handle.AddrOfPinnedObject();
        return _lastStart;
    }

    public void Release()
    {
        if (_pins is null)
        {
            return;
        }

        foreach (var pin in _pins)
        {
            pin.Handle.Free();
        }

        _pins = null;
        _last = null;
        _lastStart = null;
    }
}
