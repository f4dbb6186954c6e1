using DataPlatform.Operations.Status;

namespace DataPlatform.Operations.Tests.Status;

public sealed class QuarantineReasonTests
{
    [Theory]
    [InlineData("the body is not valid JSON (line 1, byte 5)", "the body is not valid JSON")]
    [InlineData("the body is 300000 bytes, over the 262144-byte limit (MAX_BODY_BYTES)", "the body is N bytes, over the N-byte limit (MAX_BODY_BYTES)")]
    [InlineData("the field 'event_type' must be 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-'", "the field 'event_type' must be 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-'")]
    [InlineData("the required field 'occurred_at' is missing", "the required field 'occurred_at' is missing")]
    public void A_reason_keeps_the_rule_and_drops_what_differs_from_body_to_body(string error, string reason) =>
        Assert.Equal(reason, QuarantineReason.Of(error));
}
