namespace DataPlatform.Operations.Query;

/// <summary>A result column: its name and the .NET type DuckDB gives its values.</summary>
public sealed record QueryColumn(string Name, Type Type)
{
    /// <summary>Numbers are right-aligned when printed.</summary>
    public bool IsNumeric => Type == typeof(long) || Type == typeof(int) || Type == typeof(short) || Type == typeof(sbyte)
        || Type == typeof(ulong) || Type == typeof(uint) || Type == typeof(ushort) || Type == typeof(byte)
        || Type == typeof(double) || Type == typeof(float) || Type == typeof(decimal) || Type == typeof(System.Numerics.BigInteger);
}
