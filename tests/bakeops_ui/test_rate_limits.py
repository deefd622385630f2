"""How a limit is written, and that counters shared in Redis hold across servers."""

import os
import uuid

import pytest
import redis

from services.limits import Budget, Rate, RateLimits

REDIS_URL = os.environ.get("BAKEOPS_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.mark.parametrize(
    ("text", "count", "per"),
    [
        ("120/minute", 120, "minute"),
        ("5/second", 5, "second"),
        (" 500 / hour ", 500, "hour"),
        ("1000/DAY", 1000, "day"),
        ("0", 0, "minute"),
        ("off", 0, "minute"),
        ("", 0, "minute"),
    ],
)
def test_rates_read_as_written(text, count, per):
    assert Rate.parse(text) == Rate(count=count, per=per)


@pytest.mark.parametrize("text", ["10/minutes", "10 per minute", "10", "/minute", "1.5/second", "10/week", "x/day"])
def test_anything_else_is_not_a_rate(text):
    with pytest.raises(ValueError, match="is not a rate: write N/second, N/minute, N/hour or N/day"):
        Rate.parse(text)


def test_a_client_over_its_budget_waits_and_others_do_not():
    limits, rate = RateLimits(), Rate.parse("2/minute")
    assert [limits.hit(Budget.ORDERS, rate, "203.0.113.1") for _ in range(2)] == [0.0, 0.0]
    assert 0 < limits.hit(Budget.ORDERS, rate, "203.0.113.1") <= 60
    assert limits.hit(Budget.ORDERS, rate, "203.0.113.2") == 0.0
    assert limits.hit(Budget.SIGN_INS, rate, "203.0.113.1") == 0.0  # another budget


def test_off_never_waits():
    limits = RateLimits()
    assert all(limits.hit(Budget.ORDERS, Rate.parse("0"), "203.0.113.1") == 0 for _ in range(50))


@pytest.mark.redis
def test_two_servers_counting_in_redis_share_one_budget():
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    north, south = RateLimits(REDIS_URL, prefix), RateLimits(REDIS_URL, prefix)
    rate = Rate.parse("3/minute")
    try:
        waits = [server.hit(Budget.ORDERS, rate, "203.0.113.1") for server in (north, south, north, south)]
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        client.close()
    assert waits[:3] == [0.0, 0.0, 0.0]
    assert waits[3] > 0


def test_an_unreachable_redis_lets_customers_through(caplog):
    limits = RateLimits("redis://127.0.0.1:1/0")  # nothing listens on port 1
    assert limits.hit(Budget.ORDERS, Rate.parse("1/minute"), "203.0.113.1") == 0.0
    assert "rate limit not counted" in caplog.text
