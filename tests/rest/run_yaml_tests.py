#!/usr/bin/python3
"""Runs Elasticsearch's YAML REST conformance tests against Quiver.

    /usr/bin/python3 tests/rest/run_yaml_tests.py --server-binary build/quiver
    /usr/bin/python3 tests/rest/run_yaml_tests.py --url http://127.0.0.1:9200 search bulk

See tests/rest/README.md.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from yamlrunner.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
