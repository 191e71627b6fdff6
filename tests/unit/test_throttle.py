"""The failure throttle: a sliding window per key."""

from __future__ import annotations

import pytest

from receipts.app.throttle import Throttle
from receipts.errors import TooManyAttempts


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_refuses_a_key_at_its_limit_and_says_when_to_retry():
    clock = Clock()
    throttle = Throttle(window_s=600, clock=clock)
    for _ in range(3):
        throttle.check([("user:a", 3, "for this user")])
        throttle.fail("user:a")
        clock.now += 10
    with pytest.raises(
        TooManyAttempts, match="for this user .3 in the last 10 minutes.; try again in 10 minutes"
    ) as exc:
        throttle.check([("user:a", 3, "for this user")])
    assert exc.value.retry_after == 600 - 30
    throttle.check([("user:b", 3, "for this user")])  # other keys are free


def test_throttle_forgets_failures_older_than_the_window():
    clock = Clock()
    throttle = Throttle(window_s=60, clock=clock)
    throttle.fail("address:x", "address:x")
    clock.now += 61
    throttle.check([("address:x", 2, "from this address")])


def test_throttle_clear_forgets_a_key():
    throttle = Throttle()
    throttle.fail("user:a")
    throttle.clear("user:a")
    throttle.check([("user:a", 1, "for this user")])


def test_throttle_keeps_at_most_max_keys():
    throttle = Throttle(max_keys=2)
    throttle.fail("a", "b", "c")
    throttle.check([("a", 1, "x")])  # the oldest key went
    with pytest.raises(TooManyAttempts):
        throttle.check([("c", 1, "x")])


def test_throttle_rejects_a_window_that_is_not_positive():
    with pytest.raises(ValueError, match="window_s must be positive"):
        Throttle(window_s=0)
