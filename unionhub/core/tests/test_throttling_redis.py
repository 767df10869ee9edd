"""Rate limits shared by every worker (issue #19): with ``CACHE_URL=redis://…`` the throttle
counters live in Redis, so two gunicorn workers (or two servers) count the same address
together. Needs a Redis server (CI has one at 127.0.0.1:6379; ``REDIS_TEST_URL`` overrides);
without one the test is skipped, and the platform counts per process (docs/security.md)."""

from __future__ import annotations

import os
import uuid

import pytest
from django.test import RequestFactory, override_settings

from unionhub.core.throttling import LoginThrottle, allow

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis server at {REDIS_URL}")
    yield client
    client.close()


def test_login_attempts_are_counted_in_redis_for_every_worker(redis_client, settings):
    prefix = f"uh-test-{uuid.uuid4().hex[:8]}"
    cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.LOGIN_IP_RATE = "3/hour"
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="203.0.113.9")
    try:
        with override_settings(CACHES=cache):
            assert [allow(LoginThrottle, request) for _ in range(3)] == [None, None, None]
            # The fourth attempt is refused, with the seconds to wait.
            assert allow(LoginThrottle, request) > 0
        # What another worker sees: the counter is in the Redis server, not in this process.
        keys = [k.decode() for k in redis_client.scan_iter(f"{prefix}:*")]
        assert len(keys) == 1 and keys[0].endswith("throttle_login_ip_203.0.113.9")
        with override_settings(CACHES=cache):
            from django.core.cache import caches

            caches["default"].close()  # a fresh connection, as a new worker has
            assert allow(LoginThrottle, request) > 0
    finally:
        for key in redis_client.scan_iter(f"{prefix}:*"):
            redis_client.delete(key)
