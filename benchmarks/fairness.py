"""Fair service of `kg serve`: cheap-query latency with and without clients looping runaway queries.

    python benchmarks/fairness.py                      # 2 workers, --timeout 5, 15 s per phase
    python benchmarks/fairness.py --seconds 30 --source /tmp/old-checkout   # an older version

Starts `kg serve --workers 2` on a free loopback port, then runs two phases of `--seconds` each:

1. 8 clients loop cheap queries (an ASK and a small SELECT), one after the other;
2. the same, while 2 more clients loop a runaway query (a four-way cross join that only the time
   limit stops).

and prints p50/p95/p99/max of the cheap queries in each, with their errors and what the runaway
queries were answered. The goal (issue 16): cheap p99 <= 500 ms in phase 2 on 2 cores. Nothing
leaves 127.0.0.1; each phase stops at `--seconds` or `--max-requests` cheap requests.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHEAP = [
    "ASK { ?m a kg:Motion }",
    "SELECT ?m ?label WHERE { ?m a kg:Motion ; rdfs:label ?label "
    'FILTER(lang(?label) = "nl") } LIMIT 20',
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def ask(port: int, query: str, timeout: float) -> int:
    """Send one query on a new connection; return the status (0 on a connection error)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "POST",
            "/sparql",
            urllib.parse.urlencode({"query": query}),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


def phase(port: int, seconds: float, max_requests: int, runaway: int, timeout: float) -> dict:
    """Run 8 cheap clients (and `runaway` runaway ones) for `seconds`; return the figures."""
    stop = threading.Event()
    latencies, errors = [], collections.Counter()
    runaway_statuses = collections.Counter()
    lock = threading.Lock()

    def runaway_client():
        while not stop.is_set():
            status = ask(port, RUNAWAY, timeout + 30)
            with lock:
                runaway_statuses[status] += 1

    def cheap_client(number: int):
        i = number
        while not stop.is_set():
            started = time.perf_counter()
            status = ask(port, CHEAP[i % len(CHEAP)], 60)
            elapsed = time.perf_counter() - started
            i += 1
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors[status] += 1
                if len(latencies) + sum(errors.values()) >= max_requests:
                    stop.set()

    runaways = [threading.Thread(target=runaway_client) for _ in range(runaway)]
    for thread in runaways:
        thread.start()
    if runaway:
        time.sleep(1.0)  # let them take the workers first
    cheap = [threading.Thread(target=cheap_client, args=(n,)) for n in range(8)]
    started = time.monotonic()
    for thread in cheap:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in cheap + runaways:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [float("nan")] * 99
    return {
        "requests": len(latencies),
        "seconds": time.monotonic() - started,
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "max": max(latencies, default=float("nan")),
        "errors": dict(errors),
        "runaway": dict(runaway_statuses),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each phase")
    parser.add_argument(
        "--max-requests", type=int, default=20_000, help="cheap requests per phase at most"
    )
    parser.add_argument("--timeout", type=float, default=5.0, help="kg serve --timeout")
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument(
        "--source", type=Path, default=ROOT, help="checkout whose kg to run (default: this one)"
    )
    args = parser.parse_args()

    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    source = args.source.resolve()
    env = {**os.environ, "PYTHONPATH": str(source)}
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "site").mkdir()
        (Path(scratch) / "site" / "index.html").write_text("<p>benchmark</p>")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--timeout",
                str(args.timeout),
                "--site",
                str(Path(scratch) / "site"),
            ],
            cwd=source,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 120
            while ask(port, "ASK {}", 5) != 200:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("kg serve did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            print(
                f"kg serve from {source}: {args.workers} workers, --timeout {args.timeout:g}, "
                f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
            )
            print(
                f"{'phase':34s} {'requests':>8s} {'p50 ms':>8s} {'p95 ms':>8s} "
                f"{'p99 ms':>8s} {'max ms':>8s}  errors / runaway answers"
            )
            for name, runaway in (("8 cheap clients", 0), ("8 cheap + 2 runaway clients", 2)):
                r = phase(port, args.seconds, args.max_requests, runaway, args.timeout)
                print(
                    f"{name:34s} {r['requests']:8d} {r['p50'] * 1000:8.0f} "
                    f"{r['p95'] * 1000:8.0f} {r['p99'] * 1000:8.0f} {r['max'] * 1000:8.0f}  "
                    f"{r['errors'] or 'none'} / {r['runaway'] or '-'}",
                    flush=True,
                )
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
