"""Run a CPU-bound loop in forked copies of this process, results streamed back in order.

``stream_chunks(count, work, chunk=...)`` cuts ``range(count)`` into chunks, deals them
round-robin to one forked child per CPU, and yields ``work(start, stop)`` of each chunk
in order, as soon as it is ready: the caller consumes chunk 0 (writes it to the ledger,
say) while the children compute the next ones. A child inherits everything the work needs
(the parsed table, the row parser, its closures) by forking, so only results cross
processes: each child pickles its chunks into a pipe (enlarged so that it can run a few
chunks ahead) and leaves with ``os._exit`` (no atexit handlers, no buffered output written
twice, no SQLite connection closed behind the parent's back).

It returns ``None``, and the caller should run the loop itself, when forking is not safe or
not worth it: no ``os.fork`` (Windows), other threads running (a thread holding a lock at
fork time would leave it locked in the child forever), fewer items than ``min_items``, or
one worker configured. A child that fails in any way (an exception in ``work``, a crash, a
result that cannot be pickled) has its chunks redone here, in order, so an error surfaces
exactly as it would without children.

Workers: ``REGISTRY_INGEST_WORKERS`` if set (1 turns this off), else the number of CPUs
this process may use, at most 8.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

__all__ = ["WORKERS_ENV", "chunk_bounds", "stream_chunks", "worker_count"]

T = TypeVar("T")

WORKERS_ENV = "REGISTRY_INGEST_WORKERS"
_MAX_WORKERS = 8
_PIPE_BYTES = 1 << 20  # Linux lets any process grow a pipe to 1 MiB
_F_SETPIPE_SZ = 1031
_HEADER = struct.Struct("<Q")


def worker_count() -> int:
    """Processes a split loop may use."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, _MAX_WORKERS))


def chunk_bounds(count: int, chunk: int) -> list[tuple[int, int]]:
    """Consecutive (start, stop) chunks of ``range(count)``, each ``chunk`` long but the last."""
    step = max(1, chunk)
    return [(start, min(start + step, count)) for start in range(0, count, step)]


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _child(work: Callable[[int, int], T], chunks: list[tuple[int, int]], fd: int) -> None:
    """In the child: compute its chunks, write each pickled, exit without cleanup."""
    status = 1
    try:
        with os.fdopen(fd, "wb") as out:
            for start, stop in chunks:
                payload = pickle.dumps(work(start, stop), protocol=pickle.HIGHEST_PROTOCOL)
                out.write(_HEADER.pack(len(payload)))
                out.write(payload)
        status = 0
    except BaseException:  # the parent redoes the chunk and sees the error itself
        status = 1
    finally:
        os._exit(status)


def _read_chunk(stream: BinaryIO) -> bytes | None:
    """The next pickled chunk of a child, or ``None`` when it stopped short."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    payload = stream.read(size)
    return payload if len(payload) == size else None


def _spawn(work: Callable[[int, int], T], chunks: list[tuple[int, int]]) -> tuple[int, BinaryIO]:
    read_fd, write_fd = os.pipe()
    with contextlib.suppress(OSError):  # a larger pipe is only an optimisation
        import fcntl

        fcntl.fcntl(write_fd, _F_SETPIPE_SZ, _PIPE_BYTES)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_fd)
        _child(work, chunks, write_fd)
    os.close(write_fd)
    return pid, os.fdopen(read_fd, "rb")


def stream_chunks(
    count: int,
    work: Callable[[int, int], T],
    *,
    chunk: int,
    min_items: int,
    workers: int | None = None,
) -> Iterator[T] | None:
    """``work(start, stop)`` of each chunk of ``range(count)``, in order, computed by forked
    children; ``None`` when the caller should loop itself (see the module docstring).

    Children are forked now, before this returns; close the iterator (or exhaust it) to
    reap them."""
    parts = worker_count() if workers is None else max(1, workers)
    if parts < 2 or count < max(min_items, 2) or not _can_fork():
        return None
    bounds = chunk_bounds(count, chunk)
    parts = min(parts, len(bounds))
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, BinaryIO] | None] = []
    for k in range(parts):
        try:
            children.append(_spawn(work, bounds[k::parts]))
        except OSError:
            children.append(None)  # could not fork: its chunks are computed here
    return _stream(work, bounds, children)


def _stream(
    work: Callable[[int, int], T],
    bounds: list[tuple[int, int]],
    children: list[tuple[int, BinaryIO] | None],
) -> Iterator[T]:
    parts = len(children)
    try:
        for index, (start, stop) in enumerate(bounds):
            k = index % parts
            child = children[k]
            payload = _read_chunk(child[1]) if child is not None else None
            if payload is None:
                if child is not None:  # it failed: its chunks from here on are done here
                    _reap(child)
                    children[k] = None
                yield work(start, stop)
            else:
                yield pickle.loads(payload)
    finally:
        for child in children:
            if child is not None:
                _reap(child)


def _reap(child: tuple[int, BinaryIO]) -> None:
    pid, stream = child
    stream.close()  # a child still writing gets EPIPE and exits
    os.waitpid(pid, 0)
