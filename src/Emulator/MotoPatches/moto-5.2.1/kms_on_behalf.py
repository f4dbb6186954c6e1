"""Patch to moto 5.2.1: S3 and SQS use a KMS key on the caller's behalf, and check that the caller may.

On AWS, writing an object that S3 encrypts with a KMS key (SSE-KMS: asked for in the request or the
bucket's default) needs the caller's `kms:GenerateDataKey` on that key, and reading one `kms:Decrypt`;
sending to a queue encrypted with a KMS key needs `kms:GenerateDataKey`, receiving from it `kms:Decrypt`.
moto encrypts nothing and checked neither, so a role without its KMS grants passed every request here
and failed on AWS. After moto's own check of such a request allows it, the caller's policies are
checked again for the KMS action on the key's ARN (an alias resolved to its key); a denial answers
AccessDenied, naming the KMS action. Keys that moto does not know (AWS managed `alias/aws/...`) are not
checked: their key policies grant the account's principals through the service.
"""

S3_KMS = {"s3:PutObject": "kms:GenerateDataKey", "s3:GetObject": "kms:Decrypt"}
SQS_KMS = {"sqs:SendMessage": "kms:GenerateDataKey", "sqs:ReceiveMessage": "kms:Decrypt"}


def apply():
    from moto.iam.access_control import IAMRequestBase

    check = IAMRequestBase.check_action_permitted

    def check_with_kms(self, resource):
        check(self, resource)
        use = kms_use(self, resource)
        if use is None:
            return
        kms_action, key_arn = use
        asked = self._action
        self._action = kms_action
        try:
            check(self, key_arn)
        finally:
            self._action = asked

    IAMRequestBase.check_action_permitted = check_with_kms


def kms_use(request, resource):
    try:
        if request._action in SQS_KMS:
            key = queue_key(request, resource)
            return (SQS_KMS[request._action], key_arn(request, key)) if key else None
        if request._action in S3_KMS:
            key = object_key(request, resource)
            return (S3_KMS[request._action], key_arn(request, key)) if key else None
    except LookupError:
        return None
    return None


def queue_key(request, resource):
    from moto.sqs.models import sqs_backends

    if not resource.startswith("arn:"):
        return None
    name = resource.rsplit(":", 1)[-1]
    return sqs_backends[request.account_id][request._region].get_queue(name).kms_master_key_id


def object_key(request, resource):
    # resource is arn:aws:s3:::BUCKET/KEY. A write names its encryption in headers or gets the bucket's default.
    headers = {name.lower(): value for name, value in request._headers.items()}
    if request._action == "s3:PutObject" and headers.get("x-amz-server-side-encryption") == "aws:kms":
        return headers.get("x-amz-server-side-encryption-aws-kms-key-id") or None
    from moto.s3.models import s3_backends

    bucket_name, _, key_name = resource.split(":::", 1)[1].partition("/")
    backend = s3_backends[request.account_id]["aws"]
    if request._action == "s3:GetObject":
        stored = backend.get_object(bucket_name, key_name)
        return stored.kms_key_id if stored is not None and stored.encryption == "aws:kms" else None
    default = ((backend.get_bucket(bucket_name).encryption or {}).get("Rule") or {}).get("ApplyServerSideEncryptionByDefault") or {}
    return default.get("KMSMasterKeyID") if default.get("SSEAlgorithm") == "aws:kms" else None


def key_arn(request, key):
    from moto.kms.models import kms_backends

    region = key.split(":")[3] if key.startswith("arn:") else request._region
    try:
        key_id = kms_backends[request.account_id][region].any_id_to_key_id(key)
    except Exception as unknown:  # noqa: BLE001 - an alias moto does not know
        raise LookupError(key) from unknown
    if key_id not in kms_backends[request.account_id][region].keys:
        raise LookupError(key)
    return f"arn:aws:kms:{region}:{request.account_id}:key/{key_id}"
