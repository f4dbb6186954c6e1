"""Patch to moto 5.2.1: a trust policy statement for another principal is passed over, not a denial.

On sts:AssumeRole moto evaluates the role's trust policy against the caller. A statement naming
another kind of principal (`{"Service": "lambda.amazonaws.com"}`, every Lambda execution role's first
statement) crashed the check (moto looked for an "AWS" key and tested membership in None: HTTP 500),
and a statement naming another AWS principal counted as an explicit deny, so no second statement could
ever let a caller in. As on AWS, a statement whose principal is not the caller now does not apply; one
naming the caller's account root (`arn:aws:iam::ACCOUNT:root`) applies to every principal of that account.
"""


def apply():
    from moto.iam.access_control import IAMPolicyStatement, PermissionResult

    original = IAMPolicyStatement.is_action_permitted

    def is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
        expected = self._statement.get("Principal")
        if principal and expected and not names(expected, principal):
            return PermissionResult.NEUTRAL
        return original(self, action, resource, principal, incoming_condition_values)

    IAMPolicyStatement.is_action_permitted = is_action_permitted
    # What remains of moto's own principal test sees only statements that name the caller.
    IAMPolicyStatement._check_principal = lambda self, principal: True


def names(expected, principal):
    if expected == "*":
        return True
    if not isinstance(expected, dict):
        return False
    listed = expected.get("AWS", [])
    listed = [listed] if isinstance(listed, str) else listed
    account = principal.split(":")[4] if principal.count(":") >= 5 else None
    return any(entry in ("*", principal) or entry in (account, f"arn:aws:iam::{account}:root") for entry in listed)
