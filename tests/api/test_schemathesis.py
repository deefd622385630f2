"""A schemathesis run against a real `bakeops serve`'s /openapi.json, signed in as the admin:
no 5xx for anything it generates, and every answer matches the schema the API promises."""

import subprocess
import sys
from pathlib import Path

import pytest

from devtools.processes import Server

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


@pytest.mark.slow
def test_generated_requests_find_no_server_error_and_no_broken_response(tmp_path):
    env = {
        "BAKEOPS_DATABASE_URL": f"sqlite:///{tmp_path / 'fuzz.db'}",
        "BAKEOPS_RATE_LIMIT_ORDERS": "0",
        "BAKEOPS_RATE_LIMIT_LOGINS": "0",
    }
    server = Server(env, tmp_path / "serve.log", tmp_path)
    try:
        token = server.client.headers["Authorization"]
        run = subprocess.run(
            [
                SCHEMATHESIS,
                "run",
                f"{server.url}/openapi.json",
                "--header",
                f"Authorization: {token}",
                "--checks",
                "not_a_server_error,response_schema_conformance,content_type_conformance",
                "--max-examples",
                "25",
                "--seed",
                "20261125",
                "--request-timeout",
                "10",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
        )
    finally:
        server.stop()
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert "No issues found" in run.stdout or " passed" in run.stdout, report
    assert "Traceback" not in server.output(), server.output()[-4000:]
