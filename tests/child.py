"""What the servers the tests start as child processes share: a free loopback port, and an end
that comes with the test process's own."""

from __future__ import annotations

import ctypes
import signal
import socket
from collections.abc import Callable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_parent(sig: int = signal.SIGKILL) -> Callable[[], None]:
    """A `preexec_fn` asking the kernel to send the child `sig` when the test process dies."""

    def arrange() -> None:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # not Linux: the fixture's stop() still runs normally
            pass

    return arrange
