"""Hostile or broken JSON bodies are 400s with a Chinese reason, never 500s (issue #19,
probe finding 6: 1,000-deep nesting crashed even the anonymous token endpoint)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from unionhub.core.parsers import MAX_DEPTH, nesting_depth

TOKEN = "/api/v1/auth/token/"


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ('{"a": [1, {"b": 2}]}', 3),
        ('{"a": "[[[[[[[["}', 1),  # brackets inside strings do not count
        ('{"a": "\\"[[[["}', 1),  # nor after an escaped quote
        ("1", 0),
        ("[" * 1000 + "]" * 1000, 1000),
    ],
)
def test_nesting_depth(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        ("[" * 1000 + "]" * 1000, "嵌套"),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "嵌套"),
        ('{"username": "a", ', "不是有效的 JSON"),
        (b"\xff\xfe{}", "UTF-8"),
    ],
)
def test_bad_bodies_are_400_with_a_chinese_reason(body, phrase):
    response = APIClient().post(TOKEN, body, content_type="application/json")
    assert response.status_code == 400
    assert phrase in response.json()["detail"]


@pytest.mark.django_db
def test_nesting_up_to_the_limit_is_parsed(demo):
    body = (
        '{"username": "city_admin", "password": "Demo-2026!", "x": '
        + "[" * (MAX_DEPTH - 1)
        + "]" * (MAX_DEPTH - 1)
        + "}"
    )
    response = APIClient().post(TOKEN, body, content_type="application/json")
    assert response.status_code == 200 and response.json()["token"]
