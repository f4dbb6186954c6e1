"""Patch to moto 5.2.1: requests moto checks against resource "*" are checked against their resource.

moto hands its policy check the resource ARN only for S3, SQS calls on an existing queue, IAM and STS;
every other request is checked against "*", so a statement scoped to ARNs (`logs:*` on
`log-group:/aws/lambda/dp-*`) denies everything and only a policy on "*" passes. Each resolver below
derives, from the request's own parameters, the ARN AWS authorises that request against, and gives it to
moto through the `_determine_resource` hook its `call_action` already consults (SQS, IAM and STS define
one). Requests AWS itself authorises against "*" (ListQueues, CreateKey, GetAuthorizationToken,
PutMetricData, CreateEventSourceMapping, ...) stay on "*".

Actions moto names by their operation where IAM names them otherwise are renamed before the check:
CloudWatch signs as `monitoring` (IAM's prefix is `cloudwatch:`), Lambda's Invoke is
`lambda:InvokeFunction`, and SQS's batch calls are authorised by their single actions
(DeleteMessageBatch by `sqs:DeleteMessage`, as AWS does: no policy can name `sqs:DeleteMessageBatch`),
and S3's listings by their permissions (ListObjectsV2 by `s3:ListBucket`).

README.md lists each service covered and each not covered.
"""

import re
from urllib.parse import unquote

# moto's action ("<signing name>:<operation>") -> the action IAM policies name.
ACTION_NAMES = {
    "lambda:Invoke": "lambda:InvokeFunction",
    "lambda:InvokeAsync": "lambda:InvokeFunction",
    "sqs:SendMessageBatch": "sqs:SendMessage",
    "sqs:DeleteMessageBatch": "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibilityBatch": "sqs:ChangeMessageVisibility",
    # moto's S3 names a few calls by operation; IAM by permission.
    "s3:ListObjects": "s3:ListBucket",
    "s3:ListObjectsV2": "s3:ListBucket",
    "s3:ListObjectVersions": "s3:ListBucketVersions",
    "s3:ListMultipartUploads": "s3:ListBucketMultipartUploads",
    "s3:ListBuckets": "s3:ListAllMyBuckets",
    # HeadBucket is no IAM action: AWS authorises it as s3:ListBucket.
    "s3:HeadBucket": "s3:ListBucket",
}
SERVICE_PREFIXES = {"monitoring": "cloudwatch"}


def apply():
    from moto.awslambda.responses import LambdaResponse
    from moto.cloudwatch.responses import CloudWatchResponse
    from moto.ecr.responses import ECRResponse
    from moto.events.responses import EventsHandler
    from moto.glue.responses import GlueResponse
    from moto.iam.access_control import IAMRequestBase
    from moto.kms.responses import KmsResponse
    from moto.iam.responses import IamResponse
    from moto.logs.responses import LogsResponse
    from moto.scheduler.responses import EventBridgeSchedulerResponse
    from moto.sns.responses import SNSResponse
    from moto.sqs.responses import SQSResponse

    for response, resolver in (
        (LogsResponse, logs_resource),
        (KmsResponse, kms_resource),
        (ECRResponse, ecr_resource),
        (LambdaResponse, lambda_resource),
        (SNSResponse, sns_resource),
        (CloudWatchResponse, cloudwatch_resource),
        (GlueResponse, glue_resource),
        (EventsHandler, events_resource),
        (EventBridgeSchedulerResponse, scheduler_resource),
    ):
        response._determine_resource = guarded(resolver)

    existing_queue = SQSResponse._determine_resource

    def sqs_resource(self):
        # moto resolves a queue that exists; CreateQueue names one that does not yet. A call on a
        # queue that is gone (Terraform polls GetQueueAttributes until a deleted queue is gone) is
        # checked against the ARN its URL names, as AWS does, so the caller hears "does not exist",
        # not a refusal against "*".
        if self._get_action() == "CreateQueue" and param(self, "QueueName"):
            return arn(self, "sqs", param(self, "QueueName"))
        resolved = existing_queue(self)
        if resolved == "*":
            name = self._get_queue_name()
            if name:
                return arn(self, "sqs", name)
        return resolved

    SQSResponse._determine_resource = guarded(sqs_resource)

    existing_role = IamResponse._determine_resource

    def iam_resource(self):
        # moto resolves a role that exists; CreateRole names one that does not yet, and CreatePolicy a
        # policy (AWS authorises both against the ARN they create, path included).
        found = existing_role(self)
        if found != "*":
            return found
        path = param(self, "Path") or "/"
        if self._get_action() == "CreateRole" and param(self, "RoleName"):
            return iam_arn(self, f"role{path}{param(self, 'RoleName')}")
        if self._get_action() == "CreatePolicy" and param(self, "PolicyName"):
            return iam_arn(self, f"policy{path}{param(self, 'PolicyName')}")
        return "*"

    IamResponse._determine_resource = guarded(iam_resource)

    original_init = IAMRequestBase.__init__

    def init_with_iam_action_names(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        service, _, operation = self._action.partition(":")
        action = f"{SERVICE_PREFIXES.get(service, service)}:{operation}"
        self._action = ACTION_NAMES.get(action, action)

    IAMRequestBase.__init__ = init_with_iam_action_names


def guarded(resolver):
    # A request whose parameters do not parse is left to moto's own validation error, checked against
    # "*" as before, rather than answered with a 500 from here.
    def determine_resource(self):
        try:
            return resolver(self) or "*"
        except Exception:  # noqa: BLE001 - any failure means "no ARN known", never a failed request
            return "*"

    return determine_resource


def arn(self, service, resource):
    from moto.utilities.utils import get_partition

    return f"arn:{get_partition(self.region)}:{service}:{self.region}:{self.current_account}:{resource}"


def iam_arn(self, resource):
    from moto.utilities.utils import get_partition

    return f"arn:{get_partition(self.region)}:iam::{self.current_account}:{resource}"


def tagged_arn(self):
    # Tag calls of REST services name the resource's ARN in the path: /tags/ARN (escaped).
    match = re.search(r"/tags/(arn[^?]+)", unquote(getattr(self, "raw_path", None) or self.path))
    return named_arn(self, unquote(match.group(1))) if match else None


def named_arn(self, value):
    # An ARN a request names, in the caller's account when it names none: against moto the AWS provider
    # builds Glue's ARNs without the account (arn:aws:glue:R::database/DB: it skips the account lookup),
    # and AWS authorises a tag call against the resource, which is in the caller's account.
    if not value:
        return None
    parts = value.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn" and parts[4] == "":
        parts[4] = self.current_account
    return ":".join(parts)


def param(self, name):
    try:
        value = self._get_param(name)
    except Exception:  # noqa: BLE001 - a body that is not JSON has no such parameter
        return None
    return value if value not in ("", None) else None


def logs_resource(self):
    # AWS names a log group's requests log-group:NAME:log-stream: (CreateLogGroup, PutRetentionPolicy),
    # a stream's log-group:NAME:log-stream:STREAM (CreateLogStream, PutLogEvents), and account-wide
    # listings log-group::log-stream: (DescribeLogGroups), as its AccessDenied messages show.
    group = param(self, "logGroupName") or group_name(param(self, "logGroupIdentifier")) or group_name(param(self, "resourceArn"))
    stream = param(self, "logStreamName") or ""
    return arn(self, "logs", f"log-group:{group or ''}:log-stream:{stream}")


def group_name(value):
    if not value:
        return None
    if value.startswith("arn:") and ":log-group:" in value:
        value = value.split(":log-group:", 1)[1]
        value = value[:-2] if value.endswith(":*") else value
    return value


def kms_resource(self):
    action = self._get_action()
    if action in ("CreateAlias", "DeleteAlias", "UpdateAlias"):
        # AWS checks the alias and the key; moto checks one resource, the alias.
        alias = param(self, "AliasName")
        return arn(self, "kms", alias) if alias else None
    key = param(self, "KeyId") or param(self, "DestinationKeyId")
    if key is None and action == "Decrypt":
        return decrypting_key(self)
    if key is None:
        return None
    from moto.kms.models import kms_backends

    try:
        key_id = kms_backends[self.current_account][self.region].any_id_to_key_id(key)
    except Exception:  # noqa: BLE001 - an alias that does not exist: authorise on the alias
        return arn(self, "kms", key) if key.startswith("alias/") else None
    return arn(self, "kms", f"key/{key_id}")


def decrypting_key(self):
    # A symmetric ciphertext names its key, and Decrypt may omit KeyId; moto's blob starts with the key id.
    import base64

    blob = param(self, "CiphertextBlob")
    raw = base64.b64decode(blob) if isinstance(blob, str) else blob
    key_id = raw[:36].decode("ascii")
    return arn(self, "kms", f"key/{key_id}") if re.fullmatch(r"[0-9a-f-]{36}", key_id) else None


def ecr_resource(self):
    if param(self, "resourceArn"):
        return named_arn(self, param(self, "resourceArn"))
    name = param(self, "repositoryName")
    names = param(self, "repositoryNames")
    if name is None and isinstance(names, list) and len(names) == 1:
        name = names[0]
    return arn(self, "ecr", f"repository/{name}") if name else None


def lambda_resource(self):
    # The function is in the path (/2015-03-31/functions/NAME/...), or in the body of CreateFunction;
    # a tag call names its function or event source mapping by ARN (/2017-03-31/tags/ARN).
    tagged = tagged_arn(self)
    if tagged:
        return tagged
    match = re.search(r"/functions/([^/?]+)", self.path)
    name = unquote(match.group(1)) if match else param(self, "FunctionName")
    mapping = re.search(r"/event-source-mappings/([^/?]+)", self.path)
    if mapping:
        return arn(self, "lambda", f"event-source-mapping:{unquote(mapping.group(1))}")
    if not name:
        return None
    if name.startswith("arn:"):
        return name
    return arn(self, "lambda", f"function:{name}")


def sns_resource(self):
    topic = param(self, "TopicArn") or param(self, "ResourceArn") or param(self, "TargetArn")
    if topic:
        return topic
    subscription = param(self, "SubscriptionArn")
    if subscription:
        return subscription.rsplit(":", 1)[0]
    if self._get_action() == "CreateTopic" and param(self, "Name"):
        return arn(self, "sns", param(self, "Name"))
    return None


def cloudwatch_resource(self):
    if param(self, "ResourceARN"):
        return param(self, "ResourceARN")
    name = param(self, "AlarmName")
    names = param(self, "AlarmNames")
    if name is None and isinstance(names, list) and len(names) == 1:
        name = names[0]
    return arn(self, "cloudwatch", f"alarm:{name}") if name else None


def glue_resource(self):
    if param(self, "ResourceArn"):  # GetTags, TagResource, UntagResource
        return named_arn(self, param(self, "ResourceArn"))
    database = param(self, "DatabaseName")
    table = param(self, "TableName") or (param(self, "TableInput") or {}).get("Name")
    if database is None:
        database = (param(self, "DatabaseInput") or {}).get("Name") or (param(self, "Name") if "Database" in self._get_action() else None)
    elif table is None and "Table" in self._get_action() and self._get_action() not in ("GetTables", "BatchDeleteTable"):
        table = param(self, "Name")
    if database and table:
        return arn(self, "glue", f"table/{database}/{table}")
    if database:
        return arn(self, "glue", f"database/{database}")
    return None


def events_resource(self):
    rule = param(self, "Rule") or (param(self, "Name") if "Rule" in self._get_action() else None)
    if not rule:
        return param(self, "ResourceARN")
    bus = param(self, "EventBusName")
    return arn(self, "events", f"rule/{bus}/{rule}" if bus and bus != "default" else f"rule/{rule}")


def scheduler_resource(self):
    # /schedules/NAME (group in the groupName query or the GroupName body, else "default"),
    # /schedule-groups/NAME, /tags/ARN; ListSchedules and ListScheduleGroups stay on "*" as on AWS.
    tagged = tagged_arn(self)
    if tagged:
        return tagged
    path = unquote(self.path)
    schedule = re.search(r"/schedules/([^/?]+)", path)
    if schedule:
        group = param(self, "groupName") or param(self, "GroupName") or "default"
        return arn(self, "scheduler", f"schedule/{group}/{schedule.group(1)}")
    group = re.search(r"/schedule-groups/([^/?]+)", path)
    return arn(self, "scheduler", f"schedule-group/{group.group(1)}") if group else None
