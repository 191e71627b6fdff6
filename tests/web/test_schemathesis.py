"""Property-based API tests generated from our OpenAPI spec (schemathesis), against a real SQLite store.

Every operation must answer generated requests without a server error, with the status codes,
content types and response shapes the spec declares. Writes go without a token and must be refused
cleanly. Run ``pytest tests/web/test_schemathesis.py -s`` to see the per-operation summary.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = int(os.environ.get("RECEIPTS_SCHEMATHESIS_EXAMPLES", "15"))


def test_api_conforms_to_its_spec(settings):
    from receipts.web import create_app

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(settings))
    summary, failures = [], []
    for result in schema.get_all_operations():
        op = result.ok()
        calls = {"n": 0, "codes": set()}

        @given(case=op.as_strategy())
        @hsettings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            response = case.call()
            calls["n"] += 1
            calls["codes"].add(response.status_code)
            case.validate_response(response)

        try:
            run()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001  (collect every operation's failure, report them together)
            failures.append(
                f"{op.method.upper()} {op.path}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
            )
        summary.append(f"{op.method.upper():5} {op.path:40} {calls['n']:3} cases, statuses {sorted(calls['codes'])}")
    print("\nschemathesis summary:\n" + "\n".join(summary))
    print(f"{len(summary)} operations, {len(failures)} failed")
    assert len(summary) >= 15
    assert not failures, "\n".join(failures)


@pytest.mark.issue(16)
def test_schemathesis_coverage_and_fuzzing_find_no_failure(live_server, tmp_path):
    """The command-line run an attacker would make: negative data, boundaries and undeclared methods
    (the coverage phase), then fuzzing; bounded to a few examples per operation and a fixed seed."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    st = Path(sys.executable).parent / "st"
    run = subprocess.run(
        [
            str(st),
            "run",
            f"http://127.0.0.1:{live_server}/api/openapi.json",
            "--phases",
            "coverage,fuzzing",
            "--max-examples",
            str(min(EXAMPLES, 5)),
            "--seed",
            "21",
            "--no-color",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = run.stdout[run.stdout.rfind("SUMMARY") :]
    print(summary)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    tested = re.search(r"Tested: (\d+)", summary)
    assert tested and int(tested.group(1)) >= 15 and " passed" in summary
