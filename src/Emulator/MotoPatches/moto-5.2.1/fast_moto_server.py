"""Runs moto's server as `moto_server ARGS...` does, with the kit's patches to moto 5.2.1 applied.

    python3 fast_moto_server.py MOTO_SERVER [ARGS...]

Each patch is a module next to this file, and README.md here lists them: what each changes in
moto, and why. They are written against moto 5.2.1, the version the kit pins. With any other
version, when this interpreter cannot import moto at all, or with DATAPLATFORM_MOTO_SPEEDUPS=off
(to rule them out when moto misbehaves), MOTO_SERVER runs unchanged.

DATAPLATFORM_MOTO_ENFORCE_IAM=on makes moto check every request against IAM, with an administrator
whose keys go to the file DATAPLATFORM_MOTO_ADMIN_CREDENTIALS names (iam_enforcement.py), resource
ARNs for the services moto checks against "*" (iam_resources.py) and, with
DATAPLATFORM_MOTO_ACCESS_LOG=<path>, one JSON line per policy check (access_log.py). That needs
moto 5.2.1 in this interpreter: without it the launcher refuses to start rather than serve an
emulator that lets everyone in. The speed-ups' switch does not turn enforcement off.
"""

import os
import sys

PATCHED_VERSION = "5.2.1"
SWITCH = "DATAPLATFORM_MOTO_SPEEDUPS"
ENFORCE = "DATAPLATFORM_MOTO_ENFORCE_IAM"
ADMIN_CREDENTIALS = "DATAPLATFORM_MOTO_ADMIN_CREDENTIALS"
ACCESS_LOG = "DATAPLATFORM_MOTO_ACCESS_LOG"
BANNER = "fast_moto_server: moto {} with the SQS speed-ups"
ENFORCING = "fast_moto_server: IAM enforced; the administrator's keys are in {}"
REFUSED = 3


def import_patches():
    # The patches sit next to this file; Python puts its folder on the path unless told not to
    # (PYTHONSAFEPATH), so it is added here. Imported only now: main() vets moto first.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def apply_speedups():
    import server_module_list
    import sqs_deletes
    import sqs_fast_paths
    import sqs_receive
    import sqs_visibility

    for patch in (sqs_fast_paths, sqs_deletes, sqs_receive, sqs_visibility, server_module_list):
        patch.apply()


def enforce_iam(credentials_path, access_log_path):
    import access_log
    import iam_enforcement
    import iam_resources
    import iam_signatures
    import kms_on_behalf

    iam_signatures.apply()
    iam_resources.apply()
    if access_log_path:
        access_log.apply(access_log_path)
    # After the recorder, so that the KMS checks it adds are recorded too.
    kms_on_behalf.apply()
    iam_enforcement.apply(credentials_path)


def refuse(reason):
    print(f"fast_moto_server: {ENFORCE} is on, but {reason}. The emulator would let every request in, so it is "
          f"not started. Install moto {PATCHED_VERSION} for this Python (pip install 'moto[server]=={PATCHED_VERSION}'), "
          f"or leave enforcement off.", file=sys.stderr, flush=True)
    return REFUSED


def run_unchanged(moto_server, args, reason):
    print(f"fast_moto_server: {reason}; running {moto_server} without the SQS speed-ups.", file=sys.stderr, flush=True)
    os.execv(moto_server, [moto_server, *args])


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2

    moto_server, args = argv[0], argv[1:]
    speedups = os.environ.get(SWITCH, "").lower() != "off"
    enforce = os.environ.get(ENFORCE, "").lower() == "on"
    credentials_path = os.environ.get(ADMIN_CREDENTIALS, "")
    if enforce and not credentials_path:
        return refuse(f"{ADMIN_CREDENTIALS} does not name the file for the administrator's keys")
    if enforce:
        # moto reads it once, when its settings are imported.
        os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"

    if not speedups and not enforce:
        run_unchanged(moto_server, args, f"{SWITCH} is off")
        return 1

    try:
        import moto
    except ImportError:
        if enforce:
            return refuse(f"{sys.executable} cannot import moto")
        run_unchanged(moto_server, args, f"{sys.executable} cannot import moto")
        return 1

    if moto.__version__ != PATCHED_VERSION:
        if enforce:
            return refuse(f"moto is {moto.__version__} and the enforcement patch is written for {PATCHED_VERSION}")
        run_unchanged(moto_server, args, f"moto is {moto.__version__}, the speed-ups are written for {PATCHED_VERSION}")
        return 1

    import_patches()
    if speedups:
        apply_speedups()
        print(BANNER.format(moto.__version__), file=sys.stderr, flush=True)
    else:
        print(f"fast_moto_server: {SWITCH} is off; moto {moto.__version__} without the SQS speed-ups.", file=sys.stderr, flush=True)
    if enforce:
        enforce_iam(credentials_path, os.environ.get(ACCESS_LOG, ""))
        print(ENFORCING.format(credentials_path), file=sys.stderr, flush=True)
    from moto.server import main as serve

    serve(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
