"""The lock files: the venv holds exactly what they pin, they honour pyproject.toml, setup follows them."""

import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_LOCK = ROOT / "requirements.txt"
DEV_LOCK = ROOT / "requirements-dev.txt"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def locked(lock: Path, *, on_this_machine: bool = True) -> dict[str, str]:
    """Name -> version of every pin in a lock file; on_this_machine drops pins whose marker excludes it."""
    pins = {}
    for line in lock.read_text().splitlines():
        match = PIN.match(line)
        if not match:
            continue
        marker = match["marker"]
        if on_this_machine and marker and not Marker(marker).evaluate():
            continue
        pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def installed() -> dict[str, str]:
    """Name -> version of everything in this venv, pip and setuptools included, the editable project left out."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    )
    pins = {}
    for line in result.stdout.splitlines():
        name, _, version = line.partition("==")
        assert version, f"pip freeze lists a package that is not a plain release: {line!r}"
        pins[canonicalize_name(name)] = version
    return pins


def differences(want: dict[str, str], have: dict[str, str]) -> list[str]:
    names = sorted(want.keys() | have.keys())
    return [
        f"{name}: locked {want.get(name, '-')}, installed {have.get(name, '-')}"
        for name in names
        if want.get(name) != have.get(name)
    ]


def test_the_venv_holds_exactly_the_locked_versions_and_nothing_else():
    # A package installed by hand (a profiler, say) shows here too: `rm .venv/.bakeops-installed; scripts/setup`.
    assert differences(locked(DEV_LOCK), installed()) == []


def test_every_range_in_pyproject_is_pinned_within_it_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = {
        RUNTIME_LOCK: [*project["project"]["dependencies"], *project["build-system"]["requires"]],
        DEV_LOCK: [
            *project["project"]["dependencies"],
            *project["project"]["optional-dependencies"]["dev"],
            *project["build-system"]["requires"],
        ],
    }
    for lock, requirements in wanted.items():
        pins = locked(lock, on_this_machine=False)
        for requirement in map(Requirement, requirements):
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{requirement} is missing from {lock.name}: run scripts/lock --keep"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"{lock.name} pins {name}=={pins[name]}, outside pyproject.toml's {requirement}: scripts/lock --keep"
            )


def test_the_image_lock_is_the_dev_lock_without_the_dev_tools():
    runtime, dev = locked(RUNTIME_LOCK, on_this_machine=False), locked(DEV_LOCK, on_this_machine=False)
    assert {name: version for name, version in runtime.items() if dev.get(name) != version} == {}
    assert not {"pytest", "ruff", "playwright", "pip-audit", "uv"} & runtime.keys()


def test_every_locked_file_is_hash_checked():
    for lock in (RUNTIME_LOCK, DEV_LOCK):
        entries = re.split(r"\n(?=[A-Za-z0-9])", lock.read_text().split("\n", 2)[2])
        unhashed = [entry.split()[0] for entry in entries if entry.strip() and "--hash=sha256:" not in entry]
        assert unhashed == [], f"{lock.name} has pins without hashes"


class FakePython:
    """A PYTHON for scripts/setup whose venv's python only writes down the pip installs it was asked for."""

    def __init__(self, tree: Path):
        self.log = tree / "installs.log"
        self.path = tree / "fake-python"
        self.path.write_text(
            textwrap.dedent(f"""\
                #!/bin/sh
                set -e
                [ "$1" = "-V" ] && exec echo "Python 3.11.0"
                [ "$1 $2" = "-m venv" ]
                mkdir -p .venv/bin
                cat > .venv/bin/python <<'EOF'
                #!/bin/sh
                [ "$1 $2 $3" = "-m pip install" ] && echo "$*" >> {self.log}
                [ "$1 $2" = "-m pip" ]
                EOF
                chmod +x .venv/bin/python
                """)
        )
        self.path.chmod(0o755)

    def installs(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


def test_setup_reinstalls_only_when_pyproject_or_a_lock_file_changes(tmp_path):
    for name in ("pyproject.toml", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup", tmp_path / "scripts" / "setup")
    python = FakePython(tmp_path)

    def setup() -> int:
        subprocess.run([tmp_path / "scripts" / "setup"], env={**os.environ, "PYTHON": str(python.path)}, check=True)
        return len(python.installs())

    first = setup()
    assert any(
        {"--require-hashes", "--no-deps"} <= set(line.split()) and "requirements-dev.txt" in line
        for line in python.installs()
    ), "setup must install the lock as written: a resolving pip 23 refuses nicegui's uvicorn[standard] extra"
    assert setup() == first, "nothing changed, yet setup installed again"
    (tmp_path / "requirements.txt").write_text((tmp_path / "requirements.txt").read_text())
    assert setup() == first, "a file rewritten with the same content made setup install again"
    for name in ("requirements-dev.txt", "requirements.txt", "pyproject.toml"):
        before = len(python.installs())
        with (tmp_path / name).open("a") as changed:
            changed.write("\n# changed\n")
        assert setup() > before, f"{name} changed, yet setup did not re-install"
