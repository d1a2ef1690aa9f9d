"""The pool of query worker processes: hand out live workers, stop overrunning ones, serve fairly.

A worker that dies (killed from outside, crashed) is noticed while it is idle, by a watcher that
looks every `check_every` seconds and again just before the worker is handed a job; it is
replaced before any request meets it. A worker that dies during a job gets its request an answer
naming the cause (the signal, and what usually sends it).

Fair service. A query that overruns can only be stopped by killing its process, so a client that
loops queries running into the time limit would hold a worker for the whole limit each time; with
two such clients and two workers every cheap query waited for one of them (for seconds: see
docs/performance.md). A limit per client does not help when clients share an address
(behind a proxy, on loopback), so the pool keeps its `size` workers for short queries instead:

- a query still running after `slow_after` seconds becomes a *long* query: its worker leaves the
  pool, gets the lowest CPU priority (nice 19, so cheap queries on the same cores go first) and
  finishes or is killed at the time limit; a spare worker, started in advance, takes its place
  at once, and a new spare is started (a long query's worker that finishes in time becomes a
  spare again if it may have its priority back, else it exits);
- at most `max_long` long queries run at a time (default: `size`); a query that would be one more
  stays in its worker, and under that load its time limit shortens to `busy_timeout` (2 s).

So cheap queries wait for a worker held by a runaway one at most `slow_after`, as long as no more
than `max_long` clients loop runaway queries. Spares (two at most) are started in advance, so that
two runaway queries started together each find one.
benchmarks/fairness.py measures it.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KgError
from kg.server.workers import Answer, Job, _text

log = logging.getLogger("kg.server")

_CAUSES: dict[int, str] = {
    signal.SIGSEGV: "crashed (SIGSEGV: most likely its stack overflowed on a deeply nested query)",
    signal.SIGABRT: "aborted (SIGABRT: most likely the query reached the worker's memory limit)",
    signal.SIGKILL: "was killed (SIGKILL: by the kernel's out-of-memory killer or from outside)",
    signal.SIGBUS: "crashed (SIGBUS: the store's files changed or the disk failed)",
}


def cause(returncode: int | None) -> str:
    """Say in words how a worker process ended."""
    if returncode is None:
        return "closed its connection while still running"
    if returncode < 0:
        number = -returncode
        with contextlib.suppress(ValueError):
            return _CAUSES.get(number) or f"was ended by {signal.Signals(number).name}"
        return f"was ended by signal {number}"
    return f"exited with code {returncode}"


class WorkerPool:
    """`size` worker processes over the store at `location`; run() hands a job to a free one."""

    def __init__(
        self,
        location: Path,
        size: int = 2,
        memory_limit: int | None = None,
        *,
        slow_after: float = 0.25,
        max_long: int | None = None,
        busy_timeout: float = 2.0,
        check_every: float = 0.5,
    ):
        self.location = str(location)
        self.size = size
        self.memory_limit = memory_limit
        self.slow_after = slow_after
        self.max_long = size if max_long is None else max_long
        self.busy_timeout = busy_timeout
        self.long_running = 0
        self._idle: collections.deque = collections.deque()
        self._spares: collections.deque = collections.deque()
        self._ready_event = threading.Condition()
        self._lock = threading.Lock()
        self._processes: set = set()
        self._closed = False
        self.offline = True  # every worker runs without a network (see workers._isolate)
        # Every worker is started by one long-lived thread: a worker asks the kernel to kill it
        # when the thread that started it ends (PR_SET_PDEATHSIG), so that thread must stay.
        self._launcher = ThreadPoolExecutor(1, thread_name_prefix="kg-worker-launcher")
        # two runaway queries started together find a spare each
        spares = self.spare_count = min(self.max_long, 2)
        started = [self._launcher.submit(self._start).result() for _ in range(size + spares)]
        try:
            ready = [self._ready(worker) for worker in started]
        except KgError:
            self.close()
            raise
        self._idle.extend(ready[:size])
        self._spares.extend(ready[size:])
        self._watcher = threading.Thread(
            target=self._watch, args=(check_every,), daemon=True, name="kg-worker-watcher"
        )
        self._watcher.start()

    # ------------------------------------------------------------ starting and stopping
    def _start(self):
        """Start one worker: a fresh interpreter (never a fork of this threaded server) that
        talks over a socket pair with multiprocessing's message framing."""
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "kg.server.workers",
                    str(theirs.fileno()),
                    self.location,
                    str(self.memory_limit or 0),
                ],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        with self._lock:
            self._processes.add(process)
        return process, Connection(ours.detach())

    def _ready(self, worker, wait: float = 60.0):
        """Return `worker` once it has opened the store; raise KgError if it could not."""
        _process, conn = worker
        if conn.poll(wait):
            try:
                message = conn.recv()
            except EOFError:
                message = ("failed", "the worker process exited")
            if message[0] == "ready":
                self.offline = self.offline and message[1]
                return worker
        else:
            message = ("failed", f"no answer within {wait:g} s")
        self._kill(worker)
        raise KgError(f"a query worker could not open the store: {message[1]}")

    def _kill(self, worker) -> int | None:
        """Stop `worker`; return its exit status."""
        process, conn = worker
        conn.close()
        if process.poll() is None:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5)
        with self._lock:
            self._processes.discard(process)
        return process.returncode

    def _replace(self, worker, into: str = "idle") -> None:
        """Kill `worker` now and have the launcher start its successor."""
        self._kill(worker)
        if not self._closed:
            self._launcher.submit(self._successor, into)

    def _successor(self, into: str) -> None:
        for attempt in range(3):
            if self._closed:
                return
            try:
                fresh = self._ready(self._start())
                break
            except (KgError, OSError) as error:
                log.error("could not replace a query worker (attempt %d): %s", attempt + 1, error)
                time.sleep(1 + attempt)
        else:
            return
        if self._closed:
            self._kill(fresh)
            return
        with self._ready_event:
            if into == "spare" and len(self._spares) >= self.spare_count:
                self._kill(fresh)  # a long query's worker came back as a spare meanwhile
                return
            (self._spares if into == "spare" else self._idle).append(fresh)
            self._ready_event.notify()

    def _watch(self, every: float) -> None:
        """Replace idle workers and spares that died (killed from outside, out of memory)."""
        while not self._closed:
            time.sleep(every)
            with self._ready_event:
                dead = [
                    (queue, w)
                    for queue in (self._idle, self._spares)
                    for w in queue
                    if w[0].poll() is not None
                ]
                for queue, worker in dead:
                    queue.remove(worker)
            for queue, worker in dead:
                self._lost(worker, "spare" if queue is self._spares else "idle")

    def _lost(self, worker, into: str) -> None:
        if self._closed:  # close() killed it
            return
        process = worker[0]
        log.warning("idle query worker %s %s; replaced", process.pid, cause(process.poll()))
        self._replace(worker, into)

    # ------------------------------------------------------------ handing out work
    def _take(self, wait: float):
        """Return a live idle worker, or None when none is free within `wait` seconds."""
        deadline = time.monotonic() + wait
        with self._ready_event:
            while True:
                while self._idle:
                    worker = self._idle.popleft()
                    if worker[0].poll() is None:
                        return worker
                    self._lost(worker, "idle")  # died since the watcher looked
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._ready_event.wait(left)

    def _promote(self, worker) -> bool:
        """Make the job on `worker` a long one: lowest priority, a spare takes its place."""
        with self._ready_event:
            if self.long_running >= self.max_long:
                return False
            self.long_running += 1
            into = "spare"
            if self._spares:
                self._idle.append(self._spares.popleft())
                self._ready_event.notify()
            else:
                into = "idle"
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, worker[0].pid, 19)
        if not self._closed:
            self._launcher.submit(self._successor, into)
        return True

    def _retire(self, worker) -> None:
        """After a long query: keep its worker as a spare if it may have its priority back
        (Linux lets only root or CAP_SYS_NICE lower nice), else stop it."""
        try:
            os.setpriority(os.PRIO_PROCESS, worker[0].pid, 0)
        except OSError:
            self._kill(worker)
            return
        with self._ready_event:
            if len(self._spares) < self.spare_count and not self._closed:
                self._spares.append(worker)
                return
        self._kill(worker)

    def run(self, job: Job, timeout: float, wait: float | None = None) -> Answer:
        """Return the Answer to `job`; a worker that needs more than `timeout` s is killed.

        A worker killed from outside just as it was handed the job (SIGKILL within 0.1 s: it
        was dying already) costs the job nothing: it goes to another worker, once.
        """
        return (
            self._run(job, timeout, wait)
            or self._run(job, timeout, wait)
            or Answer(500, _text("two query workers were killed from outside in turn; try again"))
        )

    def _run(self, job: Job, timeout: float, wait: float | None) -> Answer | None:
        worker = self._take(timeout if wait is None else wait)
        if worker is None:
            return Answer(
                503,
                _text(f"all {self.size} query workers are busy; try again"),
                headers={"Retry-After": "2"},
            )
        process, conn = worker
        promoted = False
        handed = time.monotonic()
        try:
            conn.send(job)
            short, limit = min(self.slow_after, timeout), timeout
            if not conn.poll(short):
                promoted = timeout > short and self._promote(worker)
                if not promoted and timeout > short:  # every long slot taken: less time
                    limit = min(timeout, self.busy_timeout)
                if not conn.poll(max(limit - short, 0)):
                    log.warning("query exceeded %g s: worker %s killed", limit, process.pid)
                    (self._kill if promoted else self._replace)(worker)
                    why = (
                        f" (the limit while {self.max_long} long queries run)"
                        if limit < timeout
                        else ""
                    )
                    return Answer(
                        503,
                        _text(f"query exceeded {limit:g} s{why} and was stopped"),
                        headers={"Retry-After": "5"},
                    )
            answer = conn.recv()
        except (EOFError, OSError):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(2)  # to learn how it ended
            how = cause(process.poll())
            log.error("query worker %s %s during a query", process.pid, how)
            (self._kill if promoted else self._replace)(worker)
            if process.returncode == -signal.SIGKILL and time.monotonic() - handed < 0.1:
                return None
            return Answer(
                500,
                _text(
                    f"the query's worker process {how}; the worker was "
                    "replaced and the server goes on"
                ),
            )
        finally:
            if promoted:
                with self._ready_event:
                    self.long_running -= 1
        if promoted:
            self._retire(worker)  # its place in the pool was taken by a spare
        else:
            with self._ready_event:
                self._idle.append(worker)
                self._ready_event.notify()
        return answer

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        self._launcher.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            processes = list(self._processes)
        for process in processes:
            if process.poll() is None:
                process.kill()
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)
