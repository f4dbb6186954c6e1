"""Runs moto's server as `moto_server ARGS...` does, with the kit's patches to moto 5.2.1 applied.

    python3 fast_moto_server.py MOTO_SERVER [ARGS...]

Each patch is a module next to this file, and README.md here lists them: what each changes in
moto, and why. They are written against moto 5.2.1, the version the kit pins. With any other
version, when this interpreter cannot import moto at all, or with DATAPLATFORM_MOTO_SPEEDUPS=off
(to rule them out when moto misbehaves), MOTO_SERVER runs unchanged.
"""

import os
import sys

PATCHED_VERSION = "5.2.1"
SWITCH = "DATAPLATFORM_MOTO_SPEEDUPS"
BANNER = "fast_moto_server: moto {} with the SQS speed-ups"


def apply_patches():
    # The patches sit next to this file; Python puts its folder on the path unless told not to
    # (PYTHONSAFEPATH), so it is added here. Imported only now: main() vets moto first.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import server_module_list
    import sqs_deletes
    import sqs_fast_paths
    import sqs_receive
    import sqs_visibility

    for patch in (sqs_fast_paths, sqs_deletes, sqs_receive, sqs_visibility, server_module_list):
        patch.apply()


def run_unchanged(moto_server, args, reason):
    print(f"fast_moto_server: {reason}; running {moto_server} without the SQS speed-ups.", file=sys.stderr, flush=True)
    os.execv(moto_server, [moto_server, *args])


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2

    moto_server, args = argv[0], argv[1:]
    if os.environ.get(SWITCH, "").lower() == "off":
        run_unchanged(moto_server, args, f"{SWITCH} is off")
        return 1

    try:
        import moto
    except ImportError:
        run_unchanged(moto_server, args, f"{sys.executable} cannot import moto")
        return 1

    if moto.__version__ != PATCHED_VERSION:
        run_unchanged(moto_server, args, f"moto is {moto.__version__}, the speed-ups are written for {PATCHED_VERSION}")
        return 1

    apply_patches()
    print(BANNER.format(moto.__version__), file=sys.stderr, flush=True)
    from moto.server import main as serve

    serve(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
