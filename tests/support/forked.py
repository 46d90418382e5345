"""Run a test's body in a forked child of the session, where no other thread exists.

Earlier tests may leave idle threads behind (an ASGI test client's portal, AnyIO workers),
and code that forks workers refuses to while other threads run. A forked child has only the
thread that forked, so the body sees a process like `registry ingest`'s. Its failure comes
back as the test's failure, with the child's traceback.
"""

from __future__ import annotations

import functools
import os
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

F = TypeVar("F", bound=Callable[..., Any])


def _read_all(fd: int) -> bytes:
    chunks: list[bytes] = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def in_forked_child(test: F) -> F:
    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report, leave without running the session's exit code
            os.close(read)
            status, message = 0, b""
            try:
                test(*args, **kwargs)
            except BaseException:
                status, message = 1, traceback.format_exc().encode("utf-8", "replace")
            try:
                view = memoryview(message)
                while view:
                    view = view[os.write(write, view) :]
            finally:
                os._exit(status)
        os.close(write)
        try:
            report = _read_all(read).decode("utf-8", "replace")
        finally:
            os.close(read)
        _, status = os.waitpid(pid, 0)
        if status != 0:
            pytest.fail(f"failed in the forked child (status {status}):\n{report}", pytrace=False)

    return run  # type: ignore[return-value]
