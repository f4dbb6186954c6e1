namespace DataPlatform.Infrastructure.Tests.Policies;

/// <summary>
/// How one store of data (a bucket, queue, log group or image repository) is encrypted in a plan.
/// </summary>
/// <param name="Encryption">What the plan says: aws:kms, AES256, SQS-managed, … or "none".</param>
/// <param name="KeyArn">The customer-managed key's ARN when the plan knows it.</param>
/// <param name="CustomerManaged">Encrypted with a key the account manages (not an AWS-managed key).</param>
/// <param name="KeyKnownAfterApply">The key is being created with the plan, so its ARN is not known yet.</param>
public sealed record StoreEncryption(PlannedResource Store, string Encryption, string? KeyArn, bool CustomerManaged, bool KeyKnownAfterApply)
{
    public string Key => KeyArn ?? (KeyKnownAfterApply ? "(the key this plan creates)" : "–");
}
