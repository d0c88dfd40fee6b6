#!/usr/bin/env python3
"""Runs a command with a fresh Quiver server: `with_server.py BINARY -- CMD...`.
The server URL is passed as QUIVER_URL; the command's exit code is returned."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quiver_server import QuiverServer  # noqa: E402


def main():
    if "--" not in sys.argv:
        print("usage: with_server.py BINARY -- CMD...", file=sys.stderr)
        return 2
    sep = sys.argv.index("--")
    binary, cmd = sys.argv[1], sys.argv[sep + 1:]
    with QuiverServer(binary) as server:
        env = dict(os.environ, QUIVER_URL=server.url)
        try:
            return subprocess.call(cmd, env=env, timeout=1200)
        except subprocess.TimeoutExpired:
            print("with_server.py: command timed out", file=sys.stderr)
            return 124


if __name__ == "__main__":
    sys.exit(main())
