"""A brake on guessing: failed logins and API tokens counted per user and per address."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

from receipts.errors import TooManyAttempts


class Throttle:
    """Count failures per key (``user:maria``, ``address:10.0.0.7``) over a sliding window.

    In memory, per server process: a restart forgets the counts, which the audit log keeps.

    Example::

        throttle = Throttle(window_s=900)
        throttle.check([("user:maria", 5, "for this user")])  # raises TooManyAttempts at the limit
        throttle.fail("user:maria", "address:10.0.0.7")
    """

    def __init__(
        self, window_s: float = 900.0, *, max_keys: int = 100_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if window_s <= 0:
            raise ValueError(f"window_s must be positive, got {window_s}")
        self.window_s, self.max_keys, self.clock = window_s, max_keys, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, limits: list[tuple[str, int, str]]) -> None:
        """Refuse when any key has reached its limit of failures within the window.

        :param limits: ``(key, limit, label)``; the label ends the message ("for this user").
        :raises TooManyAttempts: Naming the label and when to try again.
        """
        now = self.clock()
        with self._lock:
            for key, limit, label in limits:
                recent = self._recent(key, now) if key in self._failures else ()
                if len(recent) >= limit:
                    wait = max(1, math.ceil(recent[len(recent) - limit] + self.window_s - now))
                    raise TooManyAttempts(
                        f"too many failed attempts {label} ({len(recent)} in the last "
                        f"{_minutes(self.window_s)}); try again in {_minutes(wait)}",
                        wait,
                    )

    def fail(self, *keys: str) -> None:
        """Record one failure against each key."""
        now = self.clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
                self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:  # a spray of names must not grow memory without end
                self._failures.popitem(last=False)

    def clear(self, key: str) -> None:
        """Forget a key's failures (a user who logged in)."""
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque(maxlen=10_000))
        while times and times[0] <= now - self.window_s:
            times.popleft()
        return times


def _minutes(seconds: float) -> str:
    return f"{math.ceil(seconds)} seconds" if seconds < 90 else f"{math.ceil(seconds / 60)} minutes"
