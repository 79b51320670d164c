"""Throughput of one URL from a second process: `python -m tests.bench.loadgen URL
--seconds 3 --concurrency 8` prints requests per second and the share of errors.

Threads, each with its own keep-alive connection, request the URL until the time is
up; the run is bounded by --seconds, and each request by a 10-second timeout.
"""

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlsplit


def hammer(url, deadline, counts, lock):
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    done = errors = 0
    while time.monotonic() < deadline:
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
        done += 1
    with lock:
        counts["requests"] += done
        counts["errors"] += errors


def measure(url, seconds, concurrency):
    counts = {"requests": 0, "errors": 0}
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds
    threads = [
        threading.Thread(target=hammer, args=(url, deadline, counts, lock))
        for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 15)
    elapsed = time.monotonic() - start
    return {
        "requests_per_second": counts["requests"] / elapsed,
        "errors": counts["errors"],
        "requests": counts["requests"],
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    print(json.dumps(measure(options.url, options.seconds, options.concurrency)))
