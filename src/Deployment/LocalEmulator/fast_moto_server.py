"""Runs moto's server as `moto_server ARGS...` does, with moto 5.2.1's SQS made cheap per call.

    python3 fast_moto_server.py MOTO_SERVER [ARGS...]

Why: moto 5.2.1's SQS walks every message of a queue several times per call, and each step of
every walk reads the clock through datetime arithmetic (moto.core.utils.unix_time, about 7 us).
SendMessage builds all queue attributes (three walks) only to read ContentBasedDeduplication, and
ReceiveMessage builds them twice per message it returns (to read MessageRetentionPeriod). A
SendMessageBatch at a depth of 1,000 messages took 250 ms and a receive 840 ms, which capped the
kit's load tests at a few events per second.

The replacements below compute exactly what the originals compute (the same comparisons, the
same clock, read once per walk instead of once per message), so every answer is unchanged; only
the cost falls. One change is not about speed: a delete rebuilds the queue's message list outside
the lock that SendMessage appends under, so concurrent calls could undo a delete or drop a message
just sent; the rebuild now holds that lock. They are written against moto 5.2.1, the version the kit pins. With any other
version, when this interpreter cannot import moto at all, or with DATAPLATFORM_MOTO_SPEEDUPS=off
(to rule them out when moto misbehaves), MOTO_SERVER runs unchanged.
"""

import os
import sys
import time

PATCHED_VERSION = "5.2.1"
SWITCH = "DATAPLATFORM_MOTO_SPEEDUPS"
BANNER = "fast_moto_server: moto {} with the SQS speed-ups"


def now_millis():
    # What moto's unix_time_millis() returns (time since the epoch, via datetime.now), minus the
    # datetime objects.
    return time.time() * 1000.0


def apply_sqs_speedups():
    from moto.core import utils
    from moto.sqs import models

    original_unix_time = utils.unix_time

    def unix_time(dt=None):
        return time.time() if dt is None else original_unix_time(dt)

    def unix_time_millis(dt=None):
        return now_millis() if dt is None else original_unix_time(dt) * 1000.0

    # sqs.models imported the functions by name; Message.visible/delayed and the receive loop
    # call them through that module.
    models.unix_time = unix_time
    models.unix_time_millis = unix_time_millis

    def messages(self):
        now = now_millis()
        return [m for m in self._messages if now > m.visible_at and not now < m.delayed_until]

    def approximate_number_of_messages_delayed(self):
        now = now_millis()
        return sum(1 for m in self._messages if now < m.delayed_until)

    def approximate_number_of_messages_not_visible(self):
        now = now_millis()
        return sum(1 for m in self._messages if not now > m.visible_at)

    models.Queue.messages = property(messages)
    models.Queue.approximate_number_of_messages_delayed = property(approximate_number_of_messages_delayed)
    models.Queue.approximate_number_of_messages_not_visible = property(approximate_number_of_messages_not_visible)

    def is_message_valid_based_on_retention_period(self, queue_name, message):
        # The original reads the same integer through get_queue_attributes, which builds the
        # whole attribute map twice.
        retention_period = self.get_queue(queue_name).message_retention_period
        return retention_period + message.sent_timestamp / 1000 > time.time()

    models.SQSBackend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period

    def had_receipt_handle(self, receipt_handle):
        # Same membership test without building a new list per message per delete.
        return receipt_handle == self.receipt_handle or receipt_handle in self._old_receipt_handles

    models.Message.had_receipt_handle = had_receipt_handle

    original_delete_message = models.Queue.delete_message

    def delete_message(self, receipt_handle):
        with self._messages_lock:
            original_delete_message(self, receipt_handle)

    models.Queue.delete_message = delete_message


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

    apply_sqs_speedups()
    print(BANNER.format(moto.__version__), file=sys.stderr, flush=True)
    from moto.server import main as serve

    serve(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
