"""Start-up from the environment (issue 2): bad configuration stops ``manage.py`` with one
clear Chinese sentence and no traceback; a production configuration passes
``check --deploy``."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "PII_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by conftest for Playwright; never in production
        }
        and not k.startswith("PYTEST")
    }
    clean.update(UNIONHUB_VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="unionhub.settings")
    clean.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _one_clear_sentence(result: subprocess.CompletedProcess, *needles: str) -> None:
    output = (result.stdout + result.stderr).strip()
    assert result.returncode != 0
    assert "Traceback" not in output, output
    assert len(output.splitlines()) == 1, output
    assert output.startswith("UnionHub 配置错误：") and output.endswith("。"), output
    for needle in needles:
        assert needle in output


@pytest.mark.parametrize(
    "url",
    ["not-a-url", "mysql//missing-colon", "postgres://u@db.example:notaport/x", "ftp://x/y"],
)
def test_malformed_database_url_stops_startup(url, tmp_path):
    result = _manage("check", tmp_path=tmp_path, DATABASE_URL=url)
    _one_clear_sentence(result, "DATABASE_URL")


def test_missing_secret_key_in_production_stops_startup(tmp_path):
    result = _manage("check", tmp_path=tmp_path, DEBUG="0", PII_KEY="x" * 32)
    _one_clear_sentence(result, "SECRET_KEY")


def test_missing_pii_key_in_production_stops_startup(tmp_path):
    result = _manage("check", tmp_path=tmp_path, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50))
    _one_clear_sentence(result, "PII_KEY")


def test_unreadable_debug_flag_stops_startup(tmp_path):
    result = _manage("check", tmp_path=tmp_path, DEBUG="maybe")
    _one_clear_sentence(result, "DEBUG")


def test_development_generates_its_secrets_once(tmp_path):
    assert _manage("check", tmp_path=tmp_path).returncode == 0
    key = (tmp_path / "var" / "secret_key").read_text()
    assert _manage("check", tmp_path=tmp_path).returncode == 0
    assert (tmp_path / "var" / "secret_key").read_text() == key
    assert oct((tmp_path / "var" / "secret_key").stat().st_mode)[-3:] == "600"


def test_production_configuration_passes_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        tmp_path=tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        PII_KEY=secrets.token_urlsafe(32),
        ALLOWED_HOSTS="union.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path}/prod.sqlite3",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # drf-spectacular's schema-generation messages are about the API description, not the
    # deployment; test_api_base covers them. Every other check must be silent.
    issues = [
        line
        for line in output.splitlines()
        if line.lstrip().startswith(("?:", "unionhub", "django", "axes", "csp"))
        and "(drf_spectacular." not in line
    ]
    assert not issues, output
    assert "ERRORS" not in output, output
