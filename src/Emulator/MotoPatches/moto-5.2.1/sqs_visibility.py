"""Patch to moto 5.2.1: a visibility change holds the queue's lock.

moto 5.2.1's SQSBackend.change_message_visibility removes the message from the pending set that
receives walk; unlocked, a receive walking that set failed with 'Set changed size during
iteration' (a 500) when a runner released messages while another receive was in flight. The
change itself is moto's own, called under the lock that receives (sqs_receive.py) now hold.
"""


def apply():
    from moto.sqs import models

    original_change_message_visibility = models.SQSBackend.change_message_visibility

    def change_message_visibility(self, queue_name, receipt_handle, visibility_timeout):
        with self.get_queue(queue_name)._messages_lock:
            original_change_message_visibility(self, queue_name, receipt_handle, visibility_timeout)

    models.SQSBackend.change_message_visibility = change_message_visibility
