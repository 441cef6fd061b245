"""Which process runs a job, and whether it still lives.

A worker names itself host:pid:start, the start being the process's start time in clock ticks
since boot (Linux /proc): a pid the system has given to a new process since is not mistaken
for the worker that died."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def _start_ticks(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The command name (2nd field) may hold spaces; the fields after its ")" are plain.
    fields = stat.rsplit(")", 1)[1].split()
    state, start = fields[0], fields[19]
    return "" if state in ("Z", "X") else start  # a zombie has died: its parent only hasn't asked


def _host() -> str:
    return socket.gethostname()[:40]


def this_process() -> str:
    pid = os.getpid()
    return f"{_host()}:{pid}:{_start_ticks(pid)}"


def is_dead(process: str) -> bool:
    """True when `process` (as this_process() named it) ran on this machine and has ended.
    A process on another machine, or one not named so, is never declared dead from here."""
    host, _, rest = process.partition(":")
    pid_text, _, start = rest.partition(":")
    if host != _host() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if Path("/proc").is_dir():
        return _start_ticks(pid) != start if start else not Path(f"/proc/{pid}").exists()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
