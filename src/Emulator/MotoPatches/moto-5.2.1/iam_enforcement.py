"""Patch to moto 5.2.1: every request is checked against the caller's IAM policies, from the first.

moto checks identity policies only after INITIAL_NO_AUTH_ACTION_COUNT unchecked requests (infinite by
default). Counting requests lets whoever comes first create any identity it likes, so the kit sets the
count to 0 and creates its first identity itself, inside moto's IAM backend before the server listens:
the user `local-admin` with an inline `*` on `*` policy and one access key. Its keys are written, as JSON
{"AccessKeyId", "SecretAccessKey", "Arn"}, to a file only its owner can read; they are never printed.
Every other identity (the deploy identity, the function's role) is created by that administrator.
"""

import json
import os

ADMIN_USER = "local-admin"
ADMIN_POLICY_NAME = "administrator"
ADMIN_POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def apply(credentials_path):
    # The launcher sets INITIAL_NO_AUTH_ACTION_COUNT=0 before importing moto, which moto reads once at
    # import; set here too, so enforcement does not hinge on which module imported moto's settings first.
    from moto import settings
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import iam_backends

    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    iam = iam_backends[DEFAULT_ACCOUNT_ID]["aws"]
    user = iam.create_user(region_name="us-east-1", user_name=ADMIN_USER)
    iam.put_user_policy(ADMIN_USER, ADMIN_POLICY_NAME, json.dumps(ADMIN_POLICY))
    key = iam.create_access_key(ADMIN_USER)
    write_private(credentials_path, {"AccessKeyId": key.access_key_id, "SecretAccessKey": key.secret_access_key, "Arn": user.arn})


def write_private(path, document):
    # Created 0600 under a temporary name and renamed: no moment where the secret is readable by others
    # or half written.
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(document, file)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
