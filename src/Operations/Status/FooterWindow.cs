namespace DataPlatform.Operations.Status;

/// <summary>
/// A read-only view of a whole Parquet object of which only the footer was fetched. Parquet readers
/// seek to the end, read the footer's length and then the footer; they never look at the data pages
/// to learn row counts and statistics. The bytes before the footer read as zeros, so a reader that
/// over-reads (parquet-cpp reads up to 64 KiB from the end at once) is served without a download.
/// </summary>
internal sealed class FooterWindow(long length, byte[] footer) : Stream
{
    private readonly long _footerStart = length - footer.Length;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var available = (int)Math.Min(count, Math.Max(0, length - Position));
        for (var i = 0; i < available; i++)
        {
            var at = Position + i;
            buffer[offset + i] = at >= _footerStart ? footer[at - _footerStart] : (byte)0;
        }

        Position += available;
        return available;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };
        return Position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
