"""Safe defaults at start: the first admin, production refusals, and the account commands."""

import subprocess

import pytest
from pydantic import ValidationError
from sqlmodel import select

from bakeops_ui.app import prepare
from bakeops_ui.settings import Settings
from devtools.processes import BAKEOPS
from services.database import session_scope
from services.models import User

STRONG_SECRET = "k" * 40


@pytest.mark.parametrize(
    "changes",
    [
        {},  # the development default secret
        {"secret_key": "replace-with-a-long-random-string"},  # the .env.example one
        {"secret_key": "short-but-custom"},
        {"secret_key": STRONG_SECRET, "admin_password": "bakery_pass"},
        {"secret_key": STRONG_SECRET, "admin_password": "admin"},
    ],
    ids=["default-secret", "example-secret", "short-secret", "example-password", "admin-password"],
)
def test_production_refuses_to_start_with_a_default_secret_or_password(changes):
    with pytest.raises(ValidationError):
        Settings(_env_file=None, env="production", **changes)


def test_production_accepts_real_secrets():
    settings = Settings(
        _env_file=None,
        env="production",
        secret_key=STRONG_SECRET,
        admin_email="olive@bakery.test",
        admin_password="a-long-and-real-one",
    )
    assert settings.env == "production"


def test_a_bare_first_start_makes_one_admin_and_shows_the_password_once(tmp_path, capsys):
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'first.db'}", demo_data=False)
    prepare(settings)
    shown = capsys.readouterr().out
    assert "admin@localhost" in shown
    password = shown.split("Password: ")[1].split()[0]
    with session_scope() as session:
        [admin] = session.exec(select(User)).all()
    assert (admin.email, admin.role) == ("admin@localhost", "admin")
    assert password not in admin.password_hash

    prepare(settings)  # the second start: nothing new, nothing printed
    assert "Password" not in capsys.readouterr().out
    with session_scope() as session:
        assert len(session.exec(select(User)).all()) == 1


def test_the_configured_first_admin_is_used_when_given(tmp_path, capsys):
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite:///{tmp_path / 'first.db'}",
        demo_data=False,
        admin_email="Olive@Bakery.test",
        admin_password="flour-and-water-42",
    )
    prepare(settings)
    assert "Password" not in capsys.readouterr().out
    with session_scope() as session:
        assert session.exec(select(User.email)).all() == ["olive@bakery.test"]


def test_accounts_are_managed_from_the_command_line(tmp_path):
    env = {"BAKEOPS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PATH": "/usr/bin:/bin"}

    def bakeops(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([BAKEOPS, *args], input=stdin, env=env, capture_output=True, text=True, timeout=60)

    made = bakeops(
        "create-user", "Sam@Bakery.test", "--role", "staff", "--password-stdin", stdin="flour-and-water-42\n"
    )
    assert made.returncode == 0, made.stderr
    assert bakeops("create-user", "sam@bakery.test", "--password-stdin", stdin="flour-and-water-42\n").returncode == 1
    weak = bakeops("set-password", "sam@bakery.test", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "at least 10" in weak.stderr
    assert bakeops("set-password", "sam@bakery.test", "--password-stdin", stdin="rye-and-spelt-77\n").returncode == 0
    listed = bakeops("list-users")
    assert "sam@bakery.test" in listed.stdout and "staff" in listed.stdout
    assert "flour" not in listed.stdout + listed.stderr
