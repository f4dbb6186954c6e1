namespace DataPlatform.QueryBytes.Bench;

/// <summary>
/// What the query reads from one layout: the files it opens, the compressed bytes of the column chunks it needs
/// (Parquet statistics), and each file's footer and page index (file size minus all column chunks), read once per file.
/// </summary>
public sealed record ScanFigures(long Files, long ColumnBytes, long FooterBytes, double QueryMilliseconds)
{
    public long BytesRead => ColumnBytes + FooterBytes;
}
