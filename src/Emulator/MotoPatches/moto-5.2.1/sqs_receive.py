"""Patch to moto 5.2.1: a receive picks its messages under the queue's lock.

In moto 5.2.1 two concurrent receives could pick the same message for the dead-letter queue; the
second one's list.remove failed, its request answered 500, and the messages it had already marked
received stayed hidden for the whole visibility timeout without anyone holding them (a drain then
stalled for minutes: the poison scenario's 6-minute stall in CI). The pending set, which other
receives add to, was also walked unlocked ('Set changed size during iteration' 500s under load).
"""

import time
from copy import deepcopy


def apply():
    from moto.sqs import models

    def receive_message(self, queue_name, count, wait_seconds_timeout, visibility_timeout, message_attribute_names=None):
        """Receives as the original SQSBackend.receive_message does, with one difference: each pass
        over the queue (pick visible messages, mark them received, move those past
        maxReceiveCount to the dead-letter queue) holds the queue's lock, and the wait between
        passes does not. The moved messages leave through a rebuilt list, as deletes do
        (sqs_deletes.py), so unlocked walks of the old list see no gap."""
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

    models.SQSBackend.receive_message = receive_message
