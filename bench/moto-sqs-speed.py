"""Per-call cost of moto's SQS at growing queue depths, plain moto_server against the kit's launcher.

    python3 bench/moto-sqs-speed.py [--plain] [DEPTH ...]      (default depths: 0 200 1000 2000)

Starts one server on a free port (the kit's fast_moto_server.py launcher, or moto_server itself
with --plain), fills a queue to each depth with ~600-byte bodies, then times SendMessageBatch
(10 bodies), ReceiveMessage (10) and DeleteMessageBatch (10) there; medians in ms. The server is
stopped at the end. Needs boto3 (moto depends on it).
"""

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.path.join(ROOT, "src", "Emulator", "MotoPatches", "moto-5.2.1", "fast_moto_server.py")
BODY = "x" * 600
SAMPLES = 15


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(plain):
    port = free_port()
    moto_server = shutil.which("moto_server") or sys.exit("moto_server is not on PATH.")
    command = [moto_server] if plain else [sys.executable, LAUNCHER, moto_server]
    server = subprocess.Popen([*command, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
            return server, endpoint
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("The server did not answer within 30 s.")


def timed(call):
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def send_page(sqs, url):
    return sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": BODY} for i in range(10)])


def main(args):
    plain = "--plain" in args
    depths = [int(a) for a in args if a != "--plain"] or [0, 200, 1000, 2000]
    server, endpoint = start(plain)
    try:
        sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test")
        url = sqs.create_queue(QueueName="bench", Attributes={"VisibilityTimeout": "300"})["QueueUrl"]
        depth = 0
        print(f"{'plain moto_server' if plain else 'fast_moto_server.py'}; ms per call (median of {SAMPLES})")
        print(f"{'depth':>7} {'send 10':>9} {'receive 10':>11} {'delete 10':>10}")
        for target in depths:
            while depth < target:
                send_page(sqs, url)
                depth += 10
            sends = [timed(lambda: send_page(sqs, url))[0] for _ in range(SAMPLES)]
            depth += 10 * SAMPLES
            receives, deletes = [], []
            for _ in range(SAMPLES):
                ms, response = timed(lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10))
                receives.append(ms)
                entries = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(response.get("Messages", []))]
                if entries:
                    deletes.append(timed(lambda: sqs.delete_message_batch(QueueUrl=url, Entries=entries))[0])
                    depth -= len(entries)
            print(f"{target:>7} {statistics.median(sends):>9.1f} {statistics.median(receives):>11.1f} {statistics.median(deletes):>10.1f}")
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main(sys.argv[1:])
