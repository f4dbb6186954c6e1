"""Patch to moto 5.2.1: every policy check moto makes is recorded, allowed or denied.

With DATAPLATFORM_MOTO_ACCESS_LOG=<path> each call of moto's check of a request against the caller's
policies appends one JSON line {"principal", "action", "resource", "allowed"} to that file: what a
policy must grant is read from a run, not guessed, and a denial is found without reading tracebacks.
Requests refused before the check (unknown keys, a bad signature) are not policy decisions and are not
recorded. Nothing else (parameters, keys) is written.
"""

import json
import threading

VARIABLE = "DATAPLATFORM_MOTO_ACCESS_LOG"


def apply(path):
    from moto.iam.access_control import IAMRequestBase

    lock = threading.Lock()
    original = IAMRequestBase.check_action_permitted

    def record(request, resource, allowed):
        line = json.dumps({"principal": request._access_key.arn, "action": request._action, "resource": resource, "allowed": allowed})
        with lock, open(path, "a", encoding="utf-8") as log:
            log.write(line + "\n")

    def check_and_record(self, resource):
        try:
            original(self, resource)
        except Exception:
            record(self, resource, False)
            raise
        record(self, resource, True)

    IAMRequestBase.check_action_permitted = check_and_record
