"""Start and stop a Quiver server for tests: free loopback port, temp data dir,
bounded waits, stopped by PID. Standard library only (Debian python3)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuiverServer:
    """A `quiver serve` child process. Use as a context manager."""

    def __init__(self, binary, data_dir=None, port=None, extra_args=(), env=None, log_path=None):
        self.binary = os.path.abspath(binary)
        self.port = port or free_port()
        self._own_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="quiver-test-")
        self.extra_args = list(extra_args)
        # The test harness's own QUIVER_* variables are not server settings.
        base = {k: v for k, v in os.environ.items()
                if not k.startswith("QUIVER_") or k in ("QUIVER_CONFIG",)}
        self.env = dict(base, **(env or {}))
        self.log_path = log_path or os.path.join(self.data_dir, "server.log")
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s=30):
        os.makedirs(self.data_dir, exist_ok=True)
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--data", os.path.join(self.data_dir, "data")] + self.extra_args,
            stdout=log, stderr=subprocess.STDOUT, env=self.env)
        log.close()
        deadline = time.time() + timeout_s
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"quiver exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1) as r:
                    json.loads(r.read())
                    return self
            except Exception:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"quiver did not answer within {timeout_s}s; see {self.log_path}")

    def kill(self):
        """SIGKILL: the crash tests' power cut."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self, timeout_s=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode if self.proc else None

    def cleanup(self):
        if self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        self.cleanup()
        return False
