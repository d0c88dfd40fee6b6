"""Command line: select tests, get a server, run, report.

Exit status: 0 normally; 1 with --strict when a test failed, or with
--expect when a listed test did not pass; 2 when the runner itself could not
do its job (bad arguments, server would not start or became unreachable,
internal error).
"""

import argparse
import json
import os
import random
import re
import sys
import time
import traceback
import urllib.parse

from . import report
from . import suite
from .api_spec import RestSpec
from .executor import FAILED, PASSED, Executor, Options, TestResult
from .http_client import ConnectionFailure, HttpClient
from .prerequisites import RUNNER_FEATURES, ClusterInfo, parse_version
from .server import ManagedServer, ServerStartError

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DEFAULT_TESTS_ROOT = os.path.join(REPO_ROOT, "..", "shared", "es-rest-tests")
DEFAULT_TEST_DIRS = ("test", "test-modules")


class RunnerError(Exception):
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="run_yaml_tests.py",
        description="Run Elasticsearch's YAML REST tests against a Quiver (or any ES-compatible) server.")
    p.add_argument("paths", nargs="*", help="test directories or files (default: all of test/ and test-modules/); "
                   "relative to the tests root, its test/ dir, or the current dir")
    p.add_argument("--dirs", nargs="+", default=[], metavar="PATH", help="same as the positional paths")
    p.add_argument("--tests-root", default=DEFAULT_TESTS_ROOT,
                   help="corpus root holding test/, test-modules/ and api/ (default: ../shared/es-rest-tests "
                        "relative to the repo root)")
    p.add_argument("--api-dir", help="REST API spec directory (default: <tests-root>/api)")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--url", help="base URL of a running server, e.g. http://127.0.0.1:9200")
    target.add_argument("--server-binary", help="start this quiver binary (`serve --host --port --data`) for the run")
    p.add_argument("--server-arg", action="append", default=[], help="extra argument for the server (repeatable)")
    p.add_argument("--server-log", help="keep the managed server's output in this file")
    p.add_argument("--filter", help="regex searched in test ids (`dir/file.yml::test name`)")
    p.add_argument("--expect", metavar="FILE", help="run only the test ids listed in FILE; fail if any does not pass")
    p.add_argument("--write-passing", metavar="FILE", help="write the sorted ids of passing tests to FILE")
    p.add_argument("--json-report", metavar="FILE", help="write per-test results as JSON")
    p.add_argument("--strict", action="store_true", help="exit 1 when any test fails")
    p.add_argument("--verbose", "-v", action="store_true", help="print every request and response (stderr)")
    p.add_argument("--list", action="store_true", help="list the selected test ids and exit")
    p.add_argument("--timeout-s", type=float, help="time limit for the whole run")
    p.add_argument("--request-timeout-s", type=float, default=30.0, help="time limit per HTTP request (default 30)")
    warn = p.add_mutually_exclusive_group()
    warn.add_argument("--lenient-warnings", dest="strict_warnings", action="store_false", default=False,
                      help="ignore unexpected Warning headers (default)")
    warn.add_argument("--strict-warnings", dest="strict_warnings", action="store_true",
                      help="fail on Warning headers neither expected nor allowed (ES's behaviour)")
    p.add_argument("--no-error-trace", dest="error_trace", action="store_false", default=True,
                   help="do not add error_trace=true to every request (ES's runner adds it)")
    p.add_argument("--random-methods", action="store_true",
                   help="pick paths/methods at random among the valid ones, like ES's runner (see --seed)")
    p.add_argument("--seed", type=int, default=0, help="seed for --random-methods")
    p.add_argument("--assume-version", help="judge skip/requires against this version instead of GET /")
    p.add_argument("--cluster-features", default="",
                   help="comma-separated cluster features to assume in addition to the server's")
    return p.parse_args(argv)


# -- selection ---------------------------------------------------------------

def _resolve_selection(tests_root, path):
    candidates = [path] if os.path.isabs(path) else [
        os.path.join(tests_root, path),
        os.path.join(tests_root, "test", path),
        path,
    ]
    if not os.path.isabs(path):
        modules = os.path.join(tests_root, "test-modules")
        if os.path.isdir(modules):
            candidates += [os.path.join(modules, m, path) for m in sorted(os.listdir(modules))]
    for c in candidates:
        if os.path.exists(c):
            return os.path.abspath(c)
    raise RunnerError("no such test directory or file: %s (looked under %s)" % (path, tests_root))


def _yaml_files(path):
    if os.path.isfile(path):
        return [path]
    found = []
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        found += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith((".yml", ".yaml"))]
    return found


def collect_files(tests_root, selections):
    tests_root = os.path.abspath(tests_root)
    if selections:
        roots = [_resolve_selection(tests_root, s) for s in selections]
    else:
        roots = [os.path.join(tests_root, d) for d in DEFAULT_TEST_DIRS if os.path.isdir(os.path.join(tests_root, d))]
        if not roots:
            raise RunnerError("no test/ or test-modules/ under %s" % tests_root)
    seen = set()
    files = []
    for root in roots:
        for path in _yaml_files(root):
            if path in seen:
                continue
            seen.add(path)
            if os.path.commonpath([path, tests_root]) == tests_root:
                rel = os.path.relpath(path, tests_root)
            else:  # outside the corpus: keep the selected dir (or the file's dir) in the id
                base = os.path.dirname(root) if os.path.isdir(root) else os.path.dirname(os.path.dirname(root))
                rel = os.path.relpath(path, base)
            files.append((path, rel.replace(os.sep, "/")))
    return sorted(files, key=lambda f: f[1])


# -- server discovery --------------------------------------------------------

def _get_json(client, url):
    try:
        response = client.request("GET", url)
    except ConnectionFailure:
        return None, None
    if response.status != 200:
        return response.status, None
    try:
        return 200, json.loads(response.body.decode("utf-8"))
    except ValueError:
        return 200, None


def discover_cluster(client, args):
    status, root = _get_json(client, "/")
    version_text = args.assume_version
    if version_text is None:
        if not isinstance(root, dict) or not isinstance(root.get("version"), dict):
            raise RunnerError("GET / on %s did not answer 200 with version.number (status %s)"
                              % (client.base_url, status))
        version_text = str(root["version"].get("number"))
    version = parse_version(version_text)
    if version is None:
        raise RunnerError("cannot parse server version %r (use --assume-version)" % version_text)

    features = set(f for f in args.cluster_features.split(",") if f.strip())
    status, body = _get_json(client, "/_quiver/features")
    if isinstance(body, dict) and isinstance(body.get("features"), list):
        features.update(str(f) for f in body["features"])
    else:
        # Elasticsearch itself publishes features per node in the cluster state.
        status, body = _get_json(client, "/_cluster/state?filter_path=nodes_features")
        nodes = body.get("nodes_features") if isinstance(body, dict) else None
        if isinstance(nodes, list) and nodes:
            common = None
            for node in nodes:
                node_features = set(node.get("features") or []) if isinstance(node, dict) else set()
                common = node_features if common is None else common & node_features
            features.update(common or ())

    cache = {}

    def capability_check(method, path, parameters, capabilities):
        key = (method, path, parameters, capabilities)
        if key not in cache:
            query = [("method", method), ("path", path)]
            if parameters is not None:
                query.append(("parameters", parameters))
            if capabilities is not None:
                query.append(("capabilities", capabilities))
            url = "/_capabilities?" + urllib.parse.urlencode(query)
            code, answer = _get_json(client, url)
            supported = answer.get("supported") if (code == 200 and isinstance(answer, dict)) else None
            cache[key] = supported if isinstance(supported, bool) else None
        return cache[key]

    return ClusterInfo(version, features, capability_check, version_text=version_text,
                       runner_features=RUNNER_FEATURES)


def _server_answers(client, attempts=3, pause_s=1.0):
    for i in range(attempts):
        try:
            if client.request("GET", "/", timeout_s=5.0).status < 500:
                return True
        except ConnectionFailure:
            pass
        if i + 1 < attempts:
            time.sleep(pause_s)
    return False


# -- main ---------------------------------------------------------------------

def main(argv=None):
    try:
        return _main(parse_args(argv))
    except RunnerError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2


def _main(args):
    out = sys.stdout
    tests_root = os.path.abspath(args.tests_root)
    api_dir = os.path.abspath(args.api_dir or os.path.join(tests_root, "api"))
    try:
        spec = RestSpec.load(api_dir)
    except (OSError, ValueError) as e:
        raise RunnerError("cannot load the REST spec: %s" % e)
    id_filter = None
    if args.filter:
        try:
            id_filter = re.compile(args.filter)
        except re.error as e:
            raise RunnerError("bad --filter regex: %s" % e)
    expected_ids = None
    if args.expect:
        try:
            expected_ids = report.read_id_list(args.expect)
        except OSError as e:
            raise RunnerError("cannot read --expect file: %s" % e)

    expected_set = set(expected_ids or ())
    results = []
    selected = []  # (TestFile, Section)
    for path, rel in collect_files(tests_root, args.paths + args.dirs):
        test_file = suite.parse_file(path, rel)
        if test_file.error:
            file_id = "%s::<file>" % rel
            if (id_filter is None or id_filter.search(file_id)) and expected_ids is None:
                results.append(TestResult(file_id, test_file.rel_dir, FAILED, "parse error: %s" % test_file.error))
            continue
        for test in test_file.tests:
            test_id = test_file.test_id(test)
            if id_filter is not None and not id_filter.search(test_id):
                continue
            if expected_ids is not None and test_id not in expected_set:
                continue
            selected.append((test_file, test))
    missing_expected = []
    if expected_ids is not None:
        found = {tf.test_id(t) for tf, t in selected}
        missing_expected = [i for i in expected_ids if i not in found]
        for i in missing_expected:
            if id_filter is None or id_filter.search(i):
                rel_dir = i.split("::")[0].rsplit("/", 1)[0]
                results.append(TestResult(i, rel_dir, FAILED, "listed in --expect but not found"))

    if args.list:
        for tf, t in selected:
            print(tf.test_id(t), file=out)
        return 0
    if not args.url and not args.server_binary:
        raise RunnerError("give --url of a running server or --server-binary to start one")

    for r in results:
        print(report.failure_line(r), file=out, flush=True)

    log = (lambda text: print(text, file=sys.stderr, flush=True)) if args.verbose else None
    info, internal_error, abort_reason = None, False, None
    if selected:  # no server needed for an empty selection (e.g. an empty --expect list)
        info, internal_error, abort_reason = _run(args, spec, selected, results, out, log)

    for line in report.table(results):
        print(line, file=out)
    if args.json_report:
        report.write_json(args.json_report, results, {
            "tests_root": tests_root, "url": args.url, "server_binary": args.server_binary,
            "server_version": info.version_text if info else None,
            "cluster_features": sorted(info.features) if info else [],
            "runner_features": sorted(RUNNER_FEATURES),
        })
    if args.write_passing:
        report.write_passing(args.write_passing, results)
    exit_code = 0
    if expected_ids is not None:
        not_passing = [r for r in results if r.status != PASSED]
        for r in not_passing:
            print("EXPECTED TO PASS: %s (%s)" % (r.test_id, r.status), file=out)
        if not_passing:
            exit_code = 1
    if args.strict and any(r.status == FAILED for r in results):
        exit_code = 1
    if internal_error or abort_reason is not None:
        exit_code = 2
    print(report.summary_line(results), file=out, flush=True)
    return exit_code


def _run(args, spec, selected, results, out, log):
    """Gets a server, runs `selected`, appends to `results`.

    Returns (ClusterInfo, internal_error, abort_reason)."""
    deadline = time.monotonic() + args.timeout_s if args.timeout_s else None
    server = None
    client = None
    internal_error = False
    abort_reason = None
    try:
        if args.server_binary:
            server = ManagedServer(args.server_binary, args.server_arg, args.server_log)
            try:
                server.start()
            except ServerStartError as e:
                raise RunnerError(str(e))
            url = server.url
        else:
            url = args.url
        client = HttpClient(url, timeout_s=args.request_timeout_s)
        info = discover_cluster(client, args)
        if log:
            log("server %s version %s, cluster features: %s" % (url, info.version_text, sorted(info.features)))
        options = Options(strict_warnings=args.strict_warnings, error_trace=args.error_trace,
                          request_timeout_s=args.request_timeout_s,
                          rng=random.Random(args.seed) if args.random_methods else None, deadline=deadline)
        executor = Executor(spec, client, info, options, log)
        try:
            executor.wipe()  # start from an empty cluster
        except Exception as e:  # noqa: BLE001 - best effort, the first test's cleanup reports for real
            if log:
                log("initial wipe failed: %s" % e)

        for test_file, test in selected:
            test_id = test_file.test_id(test)
            if abort_reason is not None:
                result = TestResult(test_id, test_file.rel_dir, FAILED, "not run: %s" % abort_reason)
            elif deadline is not None and time.monotonic() > deadline:
                result = TestResult(test_id, test_file.rel_dir, FAILED, "not run: --timeout-s exceeded")
            else:
                if log:
                    log("=== %s" % test_id)
                try:
                    result = executor.run_test(test_file, test)
                except Exception as e:  # noqa: BLE001 - a runner bug must not end the run
                    internal_error = True
                    traceback.print_exc(file=sys.stderr)
                    result = TestResult(test_id, test_file.rel_dir, FAILED,
                                        "runner error: %s: %s" % (type(e).__name__, e))
                if result.connection_failure is not None:
                    abort_reason = _recover(result, server, client, executor, log)
            results.append(result)
            if result.status == FAILED:
                print(report.failure_line(result), file=out, flush=True)
    finally:
        if client is not None:
            client.close()
        if server is not None:
            server.close()
    return info, internal_error, abort_reason


def _recover(result, server, client, executor, log):
    """After a test lost its connection: restart a crashed server, or give
    up on an unreachable one.  Returns an abort reason or None."""
    if server is not None:
        if not result.connection_failure.timed_out:
            server.wait_for_exit(2.0)  # a reset connection often means the process is going down
        if server.alive() and _server_answers(client, attempts=1):
            _best_effort_wipe(executor, log)
            return None  # a slow request; the server itself is fine
        if server.alive():
            result.reason = "server unresponsive, restarted: %s" % result.reason
        else:
            result.reason = "server crashed (exit status %s): %s" % (server.proc.returncode, result.reason)
        if log:
            log("server log tail:\n%s" % server.log_tail())
        try:
            server.restart()
        except ServerStartError as e:
            return "server could not be restarted: %s" % report.one_line(e, 200)
        client.close()
        client.port = server.port
        return None
    if _server_answers(client):
        _best_effort_wipe(executor, log)
        return None
    return "server unreachable at %s" % client.base_url


def _best_effort_wipe(executor, log):
    try:
        executor.wipe()
    except Exception as e:  # noqa: BLE001
        if log:
            log("wipe after failure: %s" % e)
