namespace DataPlatform.Contracts;

/// <summary>A contract file that is not in the supported subset; the message names the file, the path and what is supported.</summary>
public sealed class ContractFormatException : Exception
{
    public ContractFormatException()
    {
    }

    public ContractFormatException(string message)
        : base(message)
    {
    }

    public ContractFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
