"""A quiver server process owned by the runner (`--server-binary`).

start(): picks a free loopback port, makes a temporary data directory, runs
`<binary> serve --host 127.0.0.1 --port P --data DIR`, and waits until
`GET /` answers 200 (timeout 30 s).  stop(): SIGTERM, SIGKILL after 10 s,
then deletes the data directory.  restart() does both with a fresh data
directory (used after a crash).  The server's stdout/stderr go to one log
file for the whole run (kept when `log_path` is given).
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

from .http_client import ConnectionFailure, HttpClient


class ServerStartError(Exception):
    pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ManagedServer:
    def __init__(self, binary, extra_args=(), log_path=None, start_timeout_s=30.0, stop_timeout_s=10.0):
        self.binary = os.path.abspath(binary)
        self.extra_args = list(extra_args)
        self.start_timeout_s = start_timeout_s
        self.stop_timeout_s = stop_timeout_s
        self._own_log_dir = None
        if log_path is None:
            self._own_log_dir = tempfile.mkdtemp(prefix="quiver-rest-log-")
            log_path = os.path.join(self._own_log_dir, "server.log")
        self.log_path = log_path
        self.proc = None
        self.port = None
        self.data_dir = None
        self.restarts = 0

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_for_exit(self, timeout_s):
        """Waits up to timeout_s for the process to end; True if it did."""
        if self.proc is None:
            return True
        try:
            self.proc.wait(timeout=timeout_s)
            return True
        except subprocess.TimeoutExpired:
            return False

    def start(self):
        if not os.path.exists(self.binary):
            raise ServerStartError("server binary not found: %s" % self.binary)
        self.port = free_port()
        self.data_dir = tempfile.mkdtemp(prefix="quiver-rest-data-")
        command = [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
                   "--data", self.data_dir] + self.extra_args
        log = open(self.log_path, "ab")
        try:
            log.write(("\n=== %s\n" % " ".join(command)).encode("utf-8"))
            log.flush()
            self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        finally:
            log.close()
        deadline = time.monotonic() + self.start_timeout_s
        probe = HttpClient(self.url, timeout_s=2.0)
        try:
            while True:
                if self.proc.poll() is not None:
                    raise ServerStartError("server exited with status %s during startup; log tail:\n%s"
                                           % (self.proc.returncode, self.log_tail()))
                try:
                    if probe.request("GET", "/").status == 200:
                        return
                except ConnectionFailure:
                    pass
                if time.monotonic() > deadline:
                    self.stop()
                    raise ServerStartError("server did not answer GET / within %.0fs; log tail:\n%s"
                                           % (self.start_timeout_s, self.log_tail()))
                time.sleep(0.1)
        finally:
            probe.close()

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=self.stop_timeout_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self.data_dir = None

    def restart(self):
        self.stop()
        self.restarts += 1
        self.start()

    def log_tail(self, max_bytes=4000):
        try:
            with open(self.log_path, "rb") as f:
                f.seek(0, os.SEEK_END)
                size = f.tell()
                f.seek(max(0, size - max_bytes))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self):
        self.stop()
        if self._own_log_dir is not None:
            shutil.rmtree(self._own_log_dir, ignore_errors=True)
