"""Runs moto's server as `moto_server ARGS...` does, with moto 5.2.1's SQS made cheap per call.

    python3 fast_moto_server.py MOTO_SERVER [ARGS...]

Why: moto 5.2.1's SQS walks every message of a queue several times per call, and each step of
every walk reads the clock through datetime arithmetic (moto.core.utils.unix_time, about 7 us).
SendMessage builds all queue attributes (three walks) only to read ContentBasedDeduplication,
ReceiveMessage builds them twice per message it returns (to read MessageRetentionPeriod), and a
delete walks the queue twice per receipt handle. A SendMessageBatch at a depth of 1,000 messages
took 250 ms and a receive 870 ms, which held the kit's load tests to a few events per second.

The replacements below compute exactly what the originals compute (the same comparisons, the
same clock, read once per walk instead of once per message; lookups cached where the input
cannot change), so every answer is unchanged; only the cost falls. Two changes are not about
speed: deletes (see delete_messages), a receive's pick of messages (see receive_message) and
visibility changes now hold the lock that SendMessage appends under.

They are written against moto 5.2.1, the version the kit pins. With any other version, when
this interpreter cannot import moto at all, or with DATAPLATFORM_MOTO_SPEEDUPS=off (to rule them
out when moto misbehaves), MOTO_SERVER runs unchanged. bench/moto-sqs-speed.py measures both.
"""

import functools
import os
from copy import deepcopy
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

    def delete_messages(queue, receipt_handles):
        """Deletes as the original Queue.delete_message does, one handle after another, with one
        walk to find the messages and one rebuild of the list for all of them (the original walks
        twice per handle, calling a method that builds a list per message). Unlike the original,
        the rebuild holds the lock SendMessage appends under: concurrent deletes undid each other
        (about one in six came back) and a send could land in the list being replaced. Returns the
        handles that are not valid."""
        with queue._messages_lock:
            owners = {}
            for message in queue._messages:
                owners[message.receipt_handle] = message
                for handle in message._old_receipt_handles:
                    owners[handle] = message
            invalid, gone = [], set()
            for handle in receipt_handles:
                if handle in queue.deleted_messages:
                    continue
                message = owners.get(handle)
                if message is None:
                    invalid.append(handle)
                    continue
                queue.pending_messages.discard(message)
                queue.deleted_messages.update(message.all_receipt_handles)
                gone.add(id(message))
            if gone:
                queue._messages = [m for m in queue._messages if id(m) not in gone]
            return invalid

    def delete_message(self, receipt_handle):
        if delete_messages(self, [receipt_handle]):
            raise models.ReceiptHandleIsInvalid()

    def delete_message_batch(self, queue_name, receipts):
        if not receipts:
            return [], []
        invalid = set(delete_messages(self.get_queue(queue_name), [r["ReceiptHandle"] for r in receipts]))
        success, errors = [], []
        for receipt in receipts:
            if receipt["ReceiptHandle"] not in invalid:
                success.append(receipt["Id"])
                continue
            errors.append({
                "Id": receipt["Id"],
                "SenderFault": True,
                "Code": "ReceiptHandleIsInvalid",
                "Message": f'The input receipt handle "{receipt["ReceiptHandle"]}" is not a valid receipt handle.',
            })
        return success, errors

    def receive_message(self, queue_name, count, wait_seconds_timeout, visibility_timeout, message_attribute_names=None):
        """Receives as the original SQSBackend.receive_message does, with one difference: each pass
        over the queue (pick visible messages, mark them received, move those past
        maxReceiveCount to the dead-letter queue) holds the queue's lock, and the wait between
        passes does not. Unlocked, two concurrent receives could pick the same message for the
        dead-letter queue; the second one's list.remove failed, its request answered 500, and the
        messages it had already marked received stayed hidden for the whole visibility timeout
        without anyone holding them (a drain then stalled for minutes). The moved messages leave
        through a rebuilt list, as deletes do, so unlocked walks of the old list see no gap."""
        if message_attribute_names is None:
            message_attribute_names = []
        queue = self.get_queue(queue_name)
        result = []
        previous_result_count = 0
        polling_end = time.time() + wait_seconds_timeout
        currently_pending_groups = None
        while True:
            if result or (wait_seconds_timeout and time.time() > polling_end):
                break

            with queue._messages_lock:
                if currently_pending_groups is None:
                    # Walks the pending set, which other receives add to: only under the lock.
                    currently_pending_groups = deepcopy(queue.pending_message_groups)
                messages_to_dlq = []
                for message in queue.messages:
                    if not message.visible:
                        continue
                    if message in queue.pending_messages:
                        queue.pending_messages.remove(message)
                        currently_pending_groups = deepcopy(queue.pending_message_groups)
                    if message.group_id and queue.fifo_queue and message.group_id in currently_pending_groups:
                        continue
                    if (
                        queue.dead_letter_queue is not None
                        and queue.redrive_policy
                        and message.approximate_receive_count >= queue.redrive_policy["maxReceiveCount"]
                    ):
                        messages_to_dlq.append(message)
                        continue
                    queue.pending_messages.add(message)
                    message.mark_received(visibility_timeout=visibility_timeout)
                    message_copy = deepcopy(message)
                    models._filter_message_attributes(message_copy, message_attribute_names)
                    if not self.is_message_valid_based_on_retention_period(queue_name, message):
                        break
                    result.append(message_copy)
                    if len(result) >= count:
                        break

                if messages_to_dlq:
                    moved = {id(m) for m in messages_to_dlq}
                    queue._messages = [m for m in queue._messages if id(m) not in moved]
                    for message in messages_to_dlq:
                        queue.dead_letter_queue.add_message(message)

            if previous_result_count == len(result):
                if wait_seconds_timeout == 0:
                    break
                queue.wait_for_messages(1)
                continue
            previous_result_count = len(result)

        return result

    original_change_message_visibility = models.SQSBackend.change_message_visibility

    def change_message_visibility(self, queue_name, receipt_handle, visibility_timeout):
        # The original removes the message from the pending set that receives walk.
        with self.get_queue(queue_name)._messages_lock:
            original_change_message_visibility(self, queue_name, receipt_handle, visibility_timeout)

    models.Queue.delete_message = delete_message
    models.SQSBackend.delete_message_batch = delete_message_batch
    models.SQSBackend.receive_message = receive_message
    models.SQSBackend.change_message_visibility = change_message_visibility

    # Pure function of a constant attribute name, recomputed for every attribute of every
    # attribute map (13 per SendMessage).
    models.camelcase_to_underscores = functools.lru_cache(maxsize=None)(models.camelcase_to_underscores)


def apply_dispatch_speedups():
    from moto import backends

    # The server asks this for every request: a listdir and a stat per moto module (about 170)
    # of a package folder that does not change while the server runs.
    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: iter(modules)


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
    apply_dispatch_speedups()
    print(BANNER.format(moto.__version__), file=sys.stderr, flush=True)
    from moto.server import main as serve

    serve(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
