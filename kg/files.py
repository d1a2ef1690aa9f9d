"""Reading RDF files, and writing files and folders so that a crash, or a kill at any moment,
leaves the old version or the new one: never none, never half, and nothing of a dead writer in
the way of the next.

    >>> graph = read_graph(["data/events.ttl"])     # rdflib; a syntax error names file:line:col
    >>> write_atomic("out/network.graphml", data)   # a reader sees the old file or the new one

    >>> with locked(target):                        # one writer of data/ at a time
    ...     write_atomic(target, text, suffix=".kg-import.tmp", check=conforms)

    >>> staging = staging_dir(Path("site"))         # cleans what a killed build left behind
    >>> ... write the site into staging ...
    >>> swap_dir(staging, Path("site"))             # one atomic exchange where Linux offers it

A folder in use is marked by an exclusive flock(2) on it, held by the process that writes it:
the kernel drops the lock when that process dies however it dies, so a folder whose lock can be
taken was left by a dead process and may be cleaned up. POSIX only (fcntl); Linux for the atomic
exchange (renameat2) and for a child that dies with its parent (prctl).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from kg import formats
from kg.errors import InputError, KgError

LOCK_WAIT = 60.0  # seconds a writer waits for another before it gives up with a message
_held: dict[str, int] = {}  # folder → the descriptor holding its lock, for this process


class Busy(KgError):
    """Another process holds the lock on what we would write; nothing was written."""

    exit_code = 1  # refused, as the import's other refusals; the input itself was fine


# ------------------------------------------------------------------------------ reading
def read_quads(files):
    """Yield pyoxigraph quads from RDF files; a syntax error names file, line and column."""
    import pyoxigraph as ox

    for path in map(Path, files):
        with reading(path):
            yield from ox.parse(
                path=str(path), format=formats.for_path(path).ox(), base_iri=path.resolve().as_uri()
            )


def rdflib_quads(files):
    """Yield (subject, predicate, object, graph name or None) of RDF files as rdflib terms;
    Oxigraph parses them (faster than rdflib, and its errors name file, line and column)."""
    import pyoxigraph as ox

    from kg.terms import oxigraph_to_rdflib as convert

    for quad in read_quads(files):
        name = quad.graph_name
        graph = None if isinstance(name, ox.DefaultGraph) else convert(name)
        yield convert(quad.subject), convert(quad.predicate), convert(quad.object), graph


def read_graph(files, graph=None):
    """Return `graph` (default: a new rdflib Graph) with every triple of the RDF files added,
    whatever named graph it was in."""
    if graph is None:
        import rdflib

        graph = rdflib.Graph()
    for s, p, o, _ in rdflib_quads(files):
        graph.add((s, p, o))
    return graph


@contextlib.contextmanager
def reading(path: Path):
    """Turn parser and file errors while reading `path` into an InputError naming it."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        yield
    except SyntaxError as error:
        where = f"{path}:{error.lineno}:{error.offset}" if error.lineno else str(path)
        raise InputError(f"{where}: malformed RDF: {error.msg}") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    except MemoryError as error:
        if "buffer maximal size" not in str(error):  # a real shortage of memory
            raise
        # Oxigraph's parser holds one token (an IRI or literal) in a buffer of at most 16 MiB
        raise InputError(
            f"{path}: cannot read: a term (an IRI or literal) is longer than the "
            "parser's limit of 16 MiB"
        ) from None


# ------------------------------------------------------------------------------ writing
def write_atomic(path, data: bytes | str, *, suffix: str = ".tmp", check=None) -> bool:
    """Write `data` (str: as UTF-8) to `path` through a temporary file beside it, so that a
    reader sees the old file or the new one, never half; return whether `path` was replaced.

    The file keeps the mode of the one it replaces (a new one gets 0644). `check`, when given,
    is called with the temporary file once it is written (named .<name>.<random><suffix>:
    give a suffix loaders skip) and returns False to leave `path` as it was. The temporary
    file is removed whatever happens.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temporary_beside(target, suffix)
    try:
        temp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if check is not None and not check(temp):
            return False
        # mkstemp makes the file private (0600): keep the target's mode, or the usual
        os.chmod(temp, target.stat().st_mode & 0o7777 if target.is_file() else 0o644)
        os.replace(temp, target)
        return True
    finally:
        temp.unlink(missing_ok=True)


# ------------------------------------------------------------------------------ locks
def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def locked(path, *, wait: float = LOCK_WAIT):
    """Hold the lock on the folder of `path` while writing `path`; wait up to `wait` seconds
    for another holder, then raise Busy. Writers of one folder take turns, so a second import
    reads the data the first one wrote instead of overwriting it."""
    folder = Path(path).parent
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise Busy(
                    f"{path}: another process has been writing in {folder} for over "
                    f"{wait:.0f} s (another `kg import`?); nothing written, try again"
                )
            time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing the descriptor drops the lock


def temporary_beside(path, suffix: str) -> Path:
    """Return a new empty file beside `path` with a unique name (.<name>.<random><suffix>),
    on the same file system so that os.replace onto `path` is atomic."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    return Path(name)


def remove_leftovers(path, suffix: str) -> list[Path]:
    """Remove the temporary files of `path` with `suffix` (call it holding `locked(path)`:
    then no live writer owns any of them); return what was removed."""
    path = Path(path)
    gone = []
    for leftover in path.parent.glob(f".{path.name}.*{suffix}"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            gone.append(leftover)
    return gone


# ------------------------------------------------------------------------------ folders
def staging_dir(target) -> Path:
    """Return a new folder beside `target` to build its next version in, locked by this
    process; first clean up what killed builds of `target` left behind."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_up(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    _hold(staging)
    return staging


def discard(staging) -> None:
    """Remove a staging folder that will not be used, and drop its lock."""
    shutil.rmtree(staging, ignore_errors=True)
    _release(staging)


def swap_dir(staging, target) -> None:
    """Put `staging` in the place of `target` and remove the old `target`.

    On Linux one renameat2(RENAME_EXCHANGE) swaps the two names atomically, so some version is
    always at `target`. Elsewhere the old folder is renamed to .<name>.old-… first (locked, so
    that a kill between the two renames lets the next run put it back) and then replaced.
    """
    staging, target = Path(staging), Path(target)
    if target.exists():
        old_fd = os.open(target, os.O_RDONLY)
        try:
            fcntl.flock(old_fd, fcntl.LOCK_EX)  # marks the old site as in our hands
            if _exchange(staging, target):
                shutil.rmtree(staging, ignore_errors=True)  # the old site, now at staging
            else:
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
                os.rename(target, old)  # over the empty folder mkdtemp made
                try:
                    os.rename(staging, target)
                except BaseException:
                    os.rename(old, target)
                    raise
                shutil.rmtree(old, ignore_errors=True)
        finally:
            os.close(old_fd)
    else:
        os.rename(staging, target)
    _release(staging)


def clean_up(target) -> list[Path]:
    """Deal with what dead builds of `target` left beside it: put an old version back when
    `target` itself is missing, remove the rest. Folders locked by a live build are left alone.
    Return the folders removed or restored."""
    target = Path(target)
    done = []
    leftovers = sorted(target.parent.glob(f".{target.name}.old-*")) + sorted(
        target.parent.glob(f".{target.name}.build-*")
    )
    for folder in leftovers:
        if str(folder) in _held or not folder.is_dir():
            continue
        try:
            fd = os.open(folder, os.O_RDONLY)
        except FileNotFoundError:  # removed meanwhile by another build's clean-up
            continue
        try:
            if not _try_lock(fd):
                continue  # a live build is writing it
            if ".old-" in folder.name and not target.exists():
                os.rename(folder, target)  # killed between the two renames: the old site back
            else:
                shutil.rmtree(folder, ignore_errors=True)
            done.append(folder)
        finally:
            os.close(fd)
    return done


def _hold(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    _held[str(folder)] = fd


def _release(folder) -> None:
    fd = _held.pop(str(folder), None)
    if fd is not None:
        os.close(fd)


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names `a` and `b` atomically; return False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:  # glibc before 2.28, or another C library
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot
        return False
    raise OSError(errno, os.strerror(errno), str(a), None, str(b))


# ------------------------------------------------------------------------------ processes
def die_with_parent(parent: int) -> None:
    """Make this (forked) process end when process `parent` ends, even by SIGKILL: on Linux
    the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere a thread watches getppid."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    else:

        def watch():
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)
