"""The image and the GitHub workflow install from the lock as scripts/setup does, and CI tries the newest releases.

No Docker engine or GitHub runner is here to run them, so these read the files they run; a Dockerfile that
dropped `--require-hashes` or a workflow that lost its weekly newest-versions run fails here.
"""

import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def pip_installs_in_the_image() -> list[list[str]]:
    """The arguments of every `pip install` the Dockerfile's RUN lines make (continuations joined)."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    runs = [line.removeprefix("RUN ") for line in text.splitlines() if line.startswith("RUN ")]
    commands = [shlex.split(part) for run in runs for part in run.split("&&")]
    return [words[2:] for words in commands if words[:2] == ["pip", "install"]]


def test_the_image_installs_exactly_the_runtime_lock_as_wheels_and_then_only_the_project():
    dependencies, project = pip_installs_in_the_image()

    # --no-deps: the lock is complete; a resolving pip reads extras such as uvicorn[standard] as unpinned.
    assert {"--require-hashes", "--no-deps", "-r", "requirements.txt"} <= set(dependencies)
    assert dependencies[dependencies.index("--only-binary") + 1] == ":all:"  # no compiler needed, none installed
    assert {"--no-deps", "--no-build-isolation", "."} <= set(project)  # nothing unlocked fetched to build it


def test_the_image_installs_no_compiler():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert not [word for word in ("apt-get", "gcc", "build-essential", "apk ") if word in dockerfile]


def workflow() -> dict:
    loaded = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    loaded["on"] = loaded.pop(True, loaded.get("on"))  # YAML 1.1 reads the bare key `on` as true
    return loaded


def test_ci_runs_the_readme_command_on_the_lock_and_weekly_on_the_newest_releases():
    ci = workflow()
    test = ci["jobs"]["test"]
    steps = {step.get("name"): step for step in test["steps"]}

    assert ci["on"]["schedule"][0]["cron"]
    assert "github.event_name == 'schedule' && fromJSON('[\"newest\"]')" in test["strategy"]["matrix"]["deps"]
    upgrade = next(step for step in steps.values() if "scripts/lock" in step.get("run", ""))
    assert upgrade["if"] == "matrix.deps == 'newest'"
    assert [step["run"] for step in steps.values() if "scripts/test" in step.get("run", "")] == ["scripts/test"]


def test_ci_audits_the_lock_and_proves_the_audit_can_fail():
    runs = [step.get("run", "") for step in workflow()["jobs"]["audit"]["steps"]]
    assert "scripts/audit" in runs
    assert any("known-vulnerable.txt" in run and "PYSEC-2021-66" in run for run in runs)
