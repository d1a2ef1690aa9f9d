"""Starting servers for tests: a free port on 127.0.0.1, and waiting until one answers."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, process, seconds: float) -> bool:
    """Return True once `url` answers, False if `process` exits or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return True
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.1)


# ---------------------------------------------------------------- the engines of tests/test_engines.py
JAVA_DIR = Path("/usr/share/java")
# Logging back-ends that clash with each other (log4j-over-slf4j beside slf4j-log4j12 stops the
# JVM) or print to stderr; slf4j-nop stays, so Jena logs nothing.
_CLASHING_JARS = (
    "log4j-over-slf4j",
    "slf4j-log4j12",
    "slf4j-jdk14",
    "slf4j-simple",
    "slf4j-jcl",
    "maven3-slf4j-provider",
)


def jena_classpath(scratch: Path) -> str | None:
    """Return a Java classpath for Debian's Jena ARQ (libapache-jena-java), None if absent.

    Debian's jena-core holds the Xerces classes it embeds as `xerces.*` but their message files
    under `org/apache/jena/ext/xerces/`, where those classes do not look: every start fails with
    "internal error" in XSSimpleTypeDecl. The message files are copied out to where they are
    looked for, and that folder goes first on the classpath.
    """
    core = JAVA_DIR / "jena-core.jar"
    if not core.is_file() or shutil.which("java") is None:
        return None
    messages = scratch / "xerces-messages"
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and not name.endswith((".class", "/")):
                target = messages / "xerces" / name[len(prefix) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = [str(j) for j in sorted(JAVA_DIR.glob("*.jar")) if not j.name.startswith(_CLASHING_JARS)]
    return os.pathsep.join([str(messages), *jars])


class JenaRunner:
    """One JVM with Jena ARQ holding `files` in memory, answering queries one at a time."""

    def __init__(self, classpath: str, files, scratch: Path):
        self.scratch = scratch
        self.count = 0
        self.process = subprocess.Popen(
            [
                "java",
                "-cp",
                classpath,
                str(Path(__file__).parent / "engines" / "JenaRunner.java"),
                *map(str, files),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline().strip()
        if line != "ready":
            self.close()
            raise RuntimeError("Jena did not start: " + line + self.process.stderr.read())

    def select(self, text: str) -> bytes:
        """Return the SPARQL results JSON of `text`; RuntimeError with Jena's message."""
        self.count += 1
        path = self.scratch / f"q{self.count}.rq"
        path.write_text(text, encoding="utf-8")
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if answer != "ok":
            raise RuntimeError(f"Jena: {answer or self.process.stderr.read()}")
        return Path(f"{path}.srj").read_bytes()

    def close(self):
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {data}
ServerThreads = 10

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


class Virtuoso:
    """A Virtuoso 7 (virtuoso-opensource) on 127.0.0.1 ports, with a scratch database."""

    def __init__(self, base: Path):
        self.base = base
        self.db, self.data = base / "db", base / "data"
        self.db.mkdir(parents=True)
        self.data.mkdir()
        self.sql_port, self.http_port = free_port(), free_port()
        ini = base / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(
                db=self.db, data=self.data, sql_port=self.sql_port, http_port=self.http_port
            ),
            encoding="utf-8",
        )
        self.log = open(base / "virtuoso.out", "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            ["virtuoso-t", "+configfile", str(ini), "+foreground"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.db,
        )
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        deadline = time.monotonic() + 90
        while self.sql("select 1;", check=False).returncode != 0:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    "Virtuoso did not start: " + (base / "virtuoso.out").read_text(errors="replace")
                )
            time.sleep(0.2)
        if not wait_until_answering(self.url + "?query=ASK%7B%7D", self.process, seconds=30):
            self.stop()
            raise RuntimeError("Virtuoso's HTTP port does not answer")

    def sql(self, statements: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run SQL through isql-vt as dba (loopback only, scratch database)."""
        done = subprocess.run(
            ["isql-vt", str(self.sql_port), "dba", "dba", f"exec={statements}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and (done.returncode != 0 or "*** Error" in done.stdout + done.stderr):
            raise RuntimeError(f"isql-vt failed: {done.stdout}{done.stderr}")
        return done

    def load(self, files, graph: str) -> None:
        """Bulk-load RDF files into the named graph `graph` (ld_dir + rdf_loader_run)."""
        folder = self.data / f"g{len(list(self.data.iterdir()))}"
        folder.mkdir()
        for i, file in enumerate(map(Path, files)):  # names may repeat across folders
            shutil.copyfile(file, folder / f"{i:03d}-{file.name}")
        self.sql(f"ld_dir('{folder}', '*', '{graph}'); rdf_loader_run(); checkpoint;")
        failed = self.sql(
            "select ll_file, ll_error from DB.DBA.load_list where ll_error is not null;"
        ).stdout
        if "0 Rows" not in failed:
            raise RuntimeError(f"Virtuoso could not load: {failed}")

    def allow_graph_store_writes(self) -> None:
        """Let anonymous clients write through /sparql-graph-crud (a scratch store on loopback)."""
        self.sql(
            "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7);"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def oxigraph_binary() -> str | None:
    """Return the `oxigraph` server binary: on PATH, or beside this Python (an unactivated venv)."""
    beside = Path(sys.executable).parent / "oxigraph"
    return shutil.which("oxigraph") or (str(beside) if beside.is_file() else None)


@dataclass
class Server:
    """A running `kg serve`: its base URL, its process and the file its output goes to."""

    url: str
    process: subprocess.Popen
    log: Path


def serve_command(port: int, site: Path, *options: str) -> list[str]:
    """Return the command line of `kg serve` on `port` of 127.0.0.1, serving `site`."""
    return [
        sys.executable,
        "-m",
        "kg.cli",
        "serve",
        "--port",
        str(port),
        "--site",
        str(site),
        *options,
    ]


@contextlib.contextmanager
def kg_serve(base: Path, *options: str):
    """Run `kg serve` (the project's own endpoint) with `options` on a free port of 127.0.0.1,
    serving a tiny site; yield a Server and stop it afterwards."""
    site = base / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(
        "<!doctype html><title>test site</title><h1 id=t>site</h1>", encoding="utf-8"
    )
    port = free_port()
    log = base / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            serve_command(port, site, *options), stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_answering(url + "/queries.json", process, seconds=60):
            raise RuntimeError("kg serve did not start:\n" + log.read_text(errors="replace"))
        yield Server(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
