"""Patch to moto 5.2.1: SQS deletes hold the queue's lock, and a batch walks the queue once.

moto 5.2.1's Queue.delete_message rebuilds the queue's message list without the lock that
SendMessage appends under: concurrent deletes undid each other (about one in six deleted messages
came back) and a send could land in the list being replaced. It also walks the queue twice per
receipt handle, calling a method that builds a list per message (a delete at a depth of 5,000
took 21 ms).
"""


def delete_messages(queue, receipt_handles):
    """Deletes as the original Queue.delete_message does, one handle after another, with one walk
    to find the messages and one rebuild of the list for all of them, under the queue's lock.
    Returns the handles that are not valid."""
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


def apply():
    from moto.sqs import models

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

    models.Queue.delete_message = delete_message
    models.SQSBackend.delete_message_batch = delete_message_batch
