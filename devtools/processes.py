"""Starting the real `bakeops serve` and `bakeops worker` commands as child processes (tests and benchmarks)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

BAKEOPS = str(Path(sys.executable).with_name("bakeops"))
# Every process a test starts gets this first admin, so tests can sign in to staff-only routes.
TEST_ADMIN = {"BAKEOPS_ADMIN_EMAIL": "olive@bakery.test", "BAKEOPS_ADMIN_PASSWORD": "flour-and-water-42"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Process:
    """One bakeops command with its log in a file, stopped (or killed) by the test."""

    def __init__(self, args: list[str], env: dict[str, str], log_path: Path, cwd: Path) -> None:
        self.args = args
        self.env, self.cwd = env, cwd  # kept so a test can start the same process again (Server.restart)
        self.log_path = log_path
        self.log = log_path.open("ab")
        # NiceGUI behaves differently under pytest (it looks for PYTEST_CURRENT_TEST): hide the test run.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("BAKEOPS_", "PYTEST_", "NICEGUI_"))}
        full_env = inherited | TEST_ADMIN | env
        self.popen = subprocess.Popen(
            [BAKEOPS, *args], env=full_env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT
        )

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.popen.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{self.args[0]} never logged {text!r}:\n{self.output()[-3000:]}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no clean-up, no acks, as in a crash."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


class Server(Process):
    def __init__(self, env: dict[str, str], log_path: Path, cwd: Path) -> None:
        env = TEST_ADMIN | env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__(["serve", "--port", str(self.port)], env, log_path, cwd)
        self.client = httpx.Client(base_url=self.url, timeout=10)
        self._wait_until_up()
        if env.get("BAKEOPS_ADMIN_EMAIL") and env.get("BAKEOPS_ADMIN_PASSWORD"):
            self.sign_in(env["BAKEOPS_ADMIN_EMAIL"], env["BAKEOPS_ADMIN_PASSWORD"])

    def sign_in(self, email: str, password: str) -> None:
        """Every later request of self.client carries this account's bearer token."""
        answer = self.client.post("/auth/token", data={"username": email, "password": password})
        answer.raise_for_status()
        self.client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

    def _wait_until_up(self, timeout: float = 40.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise AssertionError(f"bakeops serve exited:\n{self.output()[-3000:]}")
            try:
                if self.client.get("/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"bakeops serve did not answer in {timeout}s:\n{self.output()[-3000:]}")

    def restart(self) -> None:
        """After kill(): the same command on the same port and database, as a supervisor would bring it back."""
        self.log.close()
        Process.__init__(self, self.args, self.env, self.log_path, self.cwd)
        self._wait_until_up()

    def live_stats(self) -> dict:
        return self.client.get("/live/stats").json()

    def stop(self) -> None:
        self.client.close()
        super().stop()


def wait_until(condition, timeout: float = 20.0, interval: float = 0.05, message: str = "condition"):
    """Poll `condition` until it returns something truthy; fail with `message` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")
