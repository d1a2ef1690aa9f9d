"""Reading an HTTP request within limits: time per connection, and body framing.

http.server trusts the client more than an endpoint on a network may: it reads what
`Content-Length` says (`-1` meant "until the client stops": a 200 MiB body was read whole), takes
the last of two `Content-Length` headers, and gives each read of the socket its own timeout, so a
client sending one byte a minute holds a connection and a thread for ever. Here:

- a connection waiting for its next request is closed after `idle` seconds, and a request's line,
  headers and body must all arrive within `request` seconds of its first byte (TimeoutError);
- a body is framed by exactly one `Content-Length` of digits, or by `Transfer-Encoding: chunked`
  alone; anything else is refused before a byte of the body is read (Refused: 400 or 501), and
  a chunked body stops being read as soon as it passes the size limit (413).
"""

from __future__ import annotations

import contextlib
import io
import re
import socket
import threading
import time

from kg.server.protocol import Refused

_DIGITS = re.compile(r"[0-9]{1,18}")
_CHUNK_SIZE = re.compile(r"([0-9A-Fa-f]{1,16})[ \t]*(?:;.*)?")


class DeadlineReader(io.RawIOBase):
    """The socket as a raw stream whose reads end at a deadline, not after a pause.

    `idle()` starts the wait for a request: the first bytes that arrive move the deadline to
    `request` seconds later. Between reads the socket gets `write_timeout` back, so that sending
    a large answer to a slow reader is not cut by what remained of the reading deadline.
    """

    def __init__(self, sock: socket.socket, *, idle: float, request: float, write_timeout: float):
        super().__init__()
        self.sock = sock
        self.idle_seconds, self.request_seconds = idle, request
        self.write_timeout = write_timeout
        self.waiting = True
        self.deadline = time.monotonic() + idle

    def idle(self) -> None:
        self.waiting = True
        self.deadline = time.monotonic() + self.idle_seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self.sock.settimeout(left)
        try:
            count = self.sock.recv_into(buffer)
        finally:
            self.sock.settimeout(self.write_timeout)
        if self.waiting and count:
            self.waiting = False
            self.deadline = time.monotonic() + self.request_seconds
        return count


class ConnectionLimit:
    """Mixin for a threading server: at most `max_connections` connections at once.

    Each connection has a thread; the deadlines bound how long a slow client holds one, this
    bounds how many there are. One more gets a plain 503 and is closed at once.
    """

    max_connections = 256
    _busy: threading.BoundedSemaphore | None = None

    def process_request(self, request, client_address):
        if self._busy is None:
            self._busy = threading.BoundedSemaphore(self.max_connections)
        if not self._busy.acquire(blocking=False):
            body = b"too many connections; try again\n"
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; "
                    b"charset=utf-8\r\nRetry-After: 2\r\nConnection: close\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
                )
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._busy.release()


def body_framing(headers) -> int | None:
    """Return the body's length from the headers, None for chunked; Refused if not acceptable.

    No body (neither header) is length 0. The size limit is the caller's: it may still read
    and drop a body it refuses, so that the client sees the answer.
    """
    lengths = headers.get_all("Content-Length") or []
    encodings = headers.get_all("Transfer-Encoding") or []
    if encodings:
        if lengths:
            raise Refused(400, "a request may not have both Transfer-Encoding and Content-Length")
        codings = [c.strip().lower() for value in encodings for c in value.split(",")]
        if codings != ["chunked"]:
            raise Refused(
                501,
                f"Transfer-Encoding {', '.join(codings)} is not supported: "
                "send Content-Length or chunked",
            )
        return None
    if len(lengths) > 1:
        raise Refused(400, f"{len(lengths)} Content-Length headers: send exactly one")
    if not lengths:
        return 0
    value = lengths[0].strip()
    if not _DIGITS.fullmatch(value):
        raise Refused(
            400, f"Content-Length must be a non-negative whole number, got {value[:40]!r}"
        )
    return int(value)


def read_exact(rfile, length: int) -> bytes:
    """Return exactly `length` bytes of the body; Refused (400) if the client sends fewer."""
    body = rfile.read(length)
    if len(body) < length:
        raise Refused(
            400,
            f"the body ended after {len(body)} of the {length} bytes that Content-Length announced",
        )
    return body


def read_chunked(rfile, max_body: int) -> bytes:
    """Return a chunked body, refusing it (413) as soon as it passes `max_body` bytes."""
    parts, total = [], 0
    while True:
        line = rfile.readline(1024)
        match = _CHUNK_SIZE.fullmatch(line.rstrip(b"\r\n").decode("latin-1"))
        if not line.endswith(b"\n") or not match:
            raise Refused(400, "malformed chunked body: expected a chunk size in hexadecimal")
        size = int(match.group(1), 16)
        if size == 0:
            break
        total += size
        if total > max_body:
            raise Refused(413, f"chunked request body is larger than the limit of {max_body} bytes")
        parts.append(read_exact(rfile, size))
        if rfile.readline(3).rstrip(b"\r\n") != b"":
            raise Refused(400, "malformed chunked body: a chunk is longer than its size")
    for _ in range(100):  # trailer fields, up to the empty line
        line = rfile.readline(8192)
        if line in (b"\r\n", b"\n", b""):
            return b"".join(parts)
    raise Refused(400, "malformed chunked body: too many trailer fields")
