"""A PostgreSQL cluster and a RabbitMQ node of the test run's own, on spare loopback ports.

Fault tests stop and start these, never the machine's shared servers (other work on the machine uses
those). Each lives in a temp dir that is removed, with its processes, when the test is done.
"""

import contextlib
import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from devtools.processes import free_port


class PrivatePostgres:
    """`initdb` into a temp dir, `pg_ctl` on a spare port. As root it runs as the `postgres` user."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="bakeops-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            owner = pwd.getpwnam("postgres")
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        self.start()

    @property
    def server_url(self) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}"

    def create_database(self, name: str = "bakeops") -> str:
        admin = create_engine(f"{self.server_url}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return f"{self.server_url}/{name}"

    def start(self) -> None:
        # fsync off: the cluster is thrown away, and the tests stop it with `fast`, never by pulling the plug.
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "server.log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        """As an operator's restart does: open connections are cut, new ones refused until `start`."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def close(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(
                [*self._as_user, _pg_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.dir, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        subprocess.run([*self._as_user, _pg_binary(program), *args], check=True, capture_output=True, timeout=120)

    def __enter__(self) -> "PrivatePostgres":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class PrivateRabbitMQ:
    """A RabbitMQ node with its own name, ports, data, logs, config and Erlang cookie."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="bakeops-mq-"))
        self.port = free_port()
        self.node = f"bakeops-test-{uuid.uuid4().hex[:8]}@localhost"
        home = self.dir / "home"  # Erlang writes the node's cookie here: no access to the machine's broker
        for sub in ("mnesia", "log", home.name):
            (self.dir / sub).mkdir()
        (self.dir / "enabled_plugins").write_text("[].\n")
        # Our own config: the machine's rabbitmq.conf may pin a listener on the shared broker's port.
        (self.dir / "rabbitmq.conf").write_text(f"listeners.tcp.local = 127.0.0.1:{self.port}\n")
        (self.dir / "rabbitmq-env.conf").write_text("")
        self.env = os.environ | {
            "HOME": str(home),
            "RABBITMQ_NODENAME": self.node,
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(free_port()),
            "RABBITMQ_MNESIA_BASE": str(self.dir / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.dir / "log"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.dir / "enabled_plugins"),
            "RABBITMQ_CONFIG_FILE": str(self.dir / "rabbitmq.conf"),
            "RABBITMQ_CONF_ENV_FILE": str(self.dir / "rabbitmq-env.conf"),
            "RABBITMQ_PID_FILE": str(self.dir / "node.pid"),
        }
        subprocess.run([_rabbitmq_binary("rabbitmq-server"), "-detached"], env=self.env, check=True, timeout=60)
        try:  # -detached returns at once; `wait` follows the pid file until the broker is up
            self.ctl("wait", str(self.dir / "node.pid"), "--timeout", "120")
        except Exception:
            self.close()
            raise

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/%2F"

    def stop_app(self) -> None:
        """The broker goes away (connections cut, port closed) while its node keeps running."""
        self.ctl("stop_app")

    def start_app(self) -> None:
        self.ctl("start_app")
        self.ctl("await_startup", "--timeout", "120")

    def ctl(self, *args: str) -> None:
        subprocess.run(
            [_rabbitmq_binary("rabbitmqctl"), "-q", "-n", self.node, *args],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=180,
        )

    def close(self) -> None:
        try:
            self.ctl("stop")
        except Exception:  # not answering: make sure it does not outlive the test run
            pid_file = self.dir / "node.pid"
            if pid_file.exists():
                with contextlib.suppress(ValueError, ProcessLookupError):
                    os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "PrivateRabbitMQ":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _pg_binary(name: str) -> str:
    # Debian keeps initdb and pg_ctl off PATH, under /usr/lib/postgresql/<version>/bin.
    found = shutil.which(name) or next(reversed(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None)
    if found is None:
        raise RuntimeError(f"{name} not found: install PostgreSQL's server package (Debian: postgresql)")
    return found


def _rabbitmq_binary(name: str) -> str:
    # Debian's /usr/sbin/rabbitmq-* wrappers switch to the `rabbitmq` user and its home (the shared
    # broker's cookie); the scripts they wrap run the node as whoever we are, with our HOME.
    for candidate in (f"/usr/lib/rabbitmq/bin/{name}", shutil.which(name)):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(f"{name} not found: install RabbitMQ (Debian: rabbitmq-server)")
