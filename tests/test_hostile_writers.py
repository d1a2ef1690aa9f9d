"""Writers that cannot lose data (issue 16): concurrent `kg import` runs, and `kg build` killed
with SIGKILL at any moment. Real processes throughout."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import files

ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "date,kind,title_nl,title_en,description_nl,description_en,actors,programme,"
    "recommendation,status,outcome,section\n"
)


def kg_process(*args, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        **options,
    )


def sheet(folder: Path, name: str, days: int) -> Path:
    rows = "".join(
        f"Op {d} juli 2025,motie,Motie {name} {d},Motion {name} number {d},Testrij.,"
        "Test row.,addressee:Tweede Kamer,,22a,occurred,aangenomen,22a-moties\n"
        for d in range(1, days + 1)
    )
    path = folder / f"{name}.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ import
def test_two_imports_at_once_keep_both_sets_of_events(data_copy, tmp_path):
    target = data_copy / "together.ttl"
    sheets = [sheet(tmp_path, name, 12) for name in ("alpha", "beta")]
    runs = [kg_process("import", s, "--into", target, "--data", data_copy) for s in sheets]
    outcomes = [(p.wait(timeout=300), p.stdout.read() + p.stderr.read()) for p in runs]
    text = target.read_text(encoding="utf-8")
    for (code, output), name in zip(outcomes, ("alpha", "beta"), strict=True):
        assert "Traceback" not in output, output
        written = text.count(f"motion-{name}-number-")
        # done and in the file, or refused with a message and absent: never 0 with data lost
        assert (code, written) == (0, 12) or (code == 1 and "try again" in output), output
    assert sum(code == 0 for code, _ in outcomes) >= 1
    assert not [p for p in data_copy.iterdir() if p.name.startswith(".")]
    validate = kg_process("validate", data_copy)
    assert validate.wait(timeout=300) == 0, validate.stdout.read()


def test_a_writer_waits_for_the_lock_then_refuses_with_a_message(tmp_path):
    target = tmp_path / "data" / "events.ttl"
    target.parent.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(target.parent)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with (
            pytest.raises(files.Busy, match=r"another process .* try again"),
            files.locked(target, wait=0.3),
        ):
            pass
        assert time.monotonic() - started >= 0.3
    finally:
        holder.kill()
        holder.wait()
    with files.locked(target, wait=5):  # free again once its holder is gone
        pass


def test_temporary_files_of_a_killed_import_are_removed_by_the_next(tmp_path, data_copy):
    target = data_copy / "later.ttl"
    leftover = files.temporary_beside(target, ".kg-import.tmp")
    leftover.write_text("half a file", encoding="utf-8")
    run = kg_process("import", sheet(tmp_path, "gamma", 2), "--into", target, "--data", data_copy)
    assert run.wait(timeout=300) == 0, run.stderr.read()
    assert not leftover.exists() and target.is_file()


# ------------------------------------------------------------------------------ build
# `synthetic_data`: data large enough that a build takes a second or so and forks its child
# (conftest.py)


def build(data: Path, out: Path) -> subprocess.Popen:
    return kg_process("build", "--data", data, "--out", out, start_new_session=True)


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except FileNotFoundError:
        return []
    return [int(c) for c in text.split()]


def running(pid: int) -> bool:
    """True when `pid` is a live process (a zombie, dead but not yet reaped, is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.*"))


def test_a_build_killed_at_any_moment_keeps_a_site(synthetic_data, tmp_path):
    out = tmp_path / "site"
    first = build(synthetic_data, out)
    started = time.monotonic()
    assert first.wait(timeout=300) == 0, first.stderr.read()
    took = time.monotonic() - started
    left = 0
    for step in range(7):  # from the start of the process to its end
        process = build(synthetic_data, out)
        time.sleep(took * (0.35 + 0.1 * step))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (out / "index.html").is_file() and (out / "network.html").is_file(), step
        left += len(leftovers(out))
    last = build(synthetic_data, out)
    assert last.wait(timeout=300) == 0, last.stderr.read()
    assert leftovers(out) == [], f"{left} leftovers were seen; these remain"
    assert (out / "index.html").is_file()


def test_the_forked_child_dies_with_a_killed_build(synthetic_data, tmp_path):
    out = tmp_path / "site"
    for _attempt in range(5):
        process = build(synthetic_data, out)
        deadline = time.monotonic() + 120
        child = []
        while not child and process.poll() is None and time.monotonic() < deadline:
            child = children(process.pid)
            time.sleep(0.005)
        if not child:  # the build ended (or never forked) before we saw its child: again
            process.wait()
            continue
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while any(map(running, child)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(running, child)), child
        # killed at once, not when done: the network page it was making was never written
        time.sleep(1)
        assert not list(tmp_path.glob(".site.build-*/network.html"))
        break
    else:
        pytest.fail("never saw the build's child process")


def test_a_kill_between_the_two_renames_leaves_the_old_site_for_the_next_run(tmp_path):
    """Where the atomic exchange is missing, the old site is renamed away before the new one
    comes in: here that moment is made on disk as a killed build leaves it."""
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old site", encoding="utf-8")
    old = tmp_path / ".site.old-k1ll3d"
    out.rename(old)
    staging = tmp_path / ".site.build-k1ll3d"
    staging.mkdir()
    (staging / "half.html").write_text("half", encoding="utf-8")
    assert sorted(files.clean_up(out)) == [staging, old]
    assert (out / "index.html").read_text(encoding="utf-8") == "old site"
    assert leftovers(out) == []


def test_clean_up_leaves_the_staging_folder_of_a_live_build_alone(tmp_path):
    out = tmp_path / "site"
    busy = tmp_path / ".site.build-live"
    busy.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, time\n"
            f"fd = os.open({str(busy)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert files.clean_up(out) == [] and busy.is_dir()
    finally:
        holder.kill()
        holder.wait()
    assert files.clean_up(out) == [busy] and not busy.exists()


def test_swap_replaces_the_site_and_keeps_no_old_copy(tmp_path):
    out = tmp_path / "site"
    for version in ("one", "two"):
        staging = files.staging_dir(out)
        (staging / "index.html").write_text(version, encoding="utf-8")
        files.swap_dir(staging, out)
        assert (out / "index.html").read_text(encoding="utf-8") == version
        assert leftovers(out) == []
    shutil.rmtree(out)
    assert os.listdir(tmp_path) == []
