"""Runs tests: setup, test steps, teardown, then wipes the cluster.

A `do` step follows Elasticsearch's DoSection:
* `catch: param` sends nothing and succeeds (ES: "client should throw
  validation error before sending request").
* Any status >= 300 is an error response, except 404 on HEAD (exists apis:
  `is_true: ''` / `is_false: ''` read the status) and statuses listed in the
  client param `ignore`.
* Without `catch`, an error response fails the step.  With a named catch
  (bad_request 400, unauthorized 401, forbidden 403, missing 404,
  request_timeout 408, conflict 409, gone 410, unavailable 503, request =
  any other >= 400) the status must match; with `catch: /re/` the status
  must be >= 400 and the regex must be found in the Java text of the
  response's `error` object.  A success response with a catch fails.
* On success, `warnings` must all be present in the `Warning` headers.
  Warnings neither expected nor allowed fail the step only with
  strict_warnings (ES's behaviour); by default they are ignored.
Every response body is stashed as `$body`.

After each test whose setup succeeded (pass or fail): the `do` steps of
teardown (ES runs no assertions there).  After every test: the wipe: clear scrolls,
`DELETE /*?expand_wildcards=all` (404 tolerated; if the server rejects the
wildcard, every index from `_cat/indices` is deleted one by one).  Aliases
go with their indices.
"""

import base64
import json
import re
import time
import urllib.parse

import yaml

from . import api_spec
from . import assertions
from . import java_regex
from . import object_path
from . import prerequisites
from . import yaml_loader
from .http_client import ConnectionFailure
from .java_text import java_str
from .stash import Stash, StashError

CATCHES = {
    "bad_request": ("400", lambda s: s == 400),
    "unauthorized": ("401", lambda s: s == 401),
    "forbidden": ("403", lambda s: s == 403),
    "missing": ("404", lambda s: s == 404),
    "request_timeout": ("408", lambda s: s == 408),
    "conflict": ("409", lambda s: s == 409),
    "gone": ("410", lambda s: s == 410),
    "unavailable": ("503", lambda s: s == 503),
    "request": ("4xx|5xx", lambda s: s >= 400 and s not in (400, 401, 403, 404, 408, 409, 410)),
}

DO_KEYS = ("catch", "headers", "warnings", "warnings_regex", "allowed_warnings",
           "allowed_warnings_regex", "node_selector")

_WARNING_RE = re.compile(r'^\d{3} \S+ "((?:[^"\\]|\\.)*)"(?: "[^"]*")?$')
_XCONTENT_POSITION_RE = re.compile(r"^\[\d+:\d+\] ")
_TRANSFORM_RE = re.compile(r"^#base64EncodeCredentials\(([^,()]+),([^,()]+)\)$")

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


class StepFailure(Exception):
    pass


class RunTimeout(Exception):
    pass


class TestResult:
    def __init__(self, test_id, rel_dir, status, reason="", duration_s=0.0):
        self.test_id = test_id
        self.rel_dir = rel_dir
        self.status = status
        self.reason = reason
        self.duration_s = duration_s
        self.connection_failure = None  # ConnectionFailure that ended the test

    def to_json(self):
        return {"id": self.test_id, "status": self.status, "reason": self.reason,
                "duration_s": round(self.duration_s, 3)}


def parse_warning(header):
    """The text of one `Warning` header value (quotes unescaped)."""
    m = _WARNING_RE.match(header.strip())
    if not m:
        return None
    text = re.sub(r"\\(.)", r"\1", m.group(1))
    return _XCONTENT_POSITION_RE.sub("", text)


def split_warning_headers(values):
    out = []
    for value in values:
        # Several warnings may share one header, comma separated.
        out.extend(p for p in re.split(r'(?<=")\s*,\s*(?=\d{3} )', value) if p.strip())
    return out


class TestResponse:
    """A response as the assertions see it."""

    def __init__(self, http_response):
        self.http = http_response
        self.status = http_response.status
        self.method = http_response.method
        self.parsed = False
        self.body = None
        if self.method == "HEAD":
            return
        content_type = http_response.content_type
        raw = http_response.body
        if "json" in content_type:
            if raw.strip():
                try:
                    self.body = json.loads(raw.decode("utf-8"))
                except ValueError as e:
                    raise StepFailure("response (%d) declared %s but is not valid JSON (%s): %s"
                                      % (self.status, content_type, e, assertions.shorten(http_response.text)))
                self.parsed = True
        elif "yaml" in content_type:
            try:
                self.body = yaml_loader.load(raw.decode("utf-8"))
            except Exception as e:  # yaml.YAMLError
                raise StepFailure("response is not valid YAML: %s" % e)
            self.parsed = True
        else:
            self.body = http_response.text

    @property
    def is_error(self):
        return self.status >= 400

    def evaluate(self, path, stash):
        if not self.parsed:
            if path == "" and self.method == "HEAD":
                return not self.is_error
            return None
        try:
            return object_path.evaluate(self.body, path, stash)
        except object_path.PathError as e:
            raise StepFailure("path [%s]: %s" % (path, e))

    def describe(self):
        text = self.http.text
        return "[%d %s] [%s]" % (self.status, self.http.reason, assertions.shorten(text, 400))


class Options:
    def __init__(self, strict_warnings=False, error_trace=True, request_timeout_s=30.0, rng=None, deadline=None):
        self.strict_warnings = strict_warnings
        self.error_trace = error_trace
        self.request_timeout_s = request_timeout_s
        self.rng = rng
        self.deadline = deadline  # time.monotonic() value or None


class Executor:
    def __init__(self, spec, client, info, options, log=None):
        self.spec = spec
        self.client = client
        self.info = info
        self.options = options
        self.log = log  # callable(str) for --verbose, or None
        self.stash = Stash()
        self.response = None

    # -- HTTP -------------------------------------------------------------
    def _timeout(self):
        timeout = self.options.request_timeout_s
        if self.options.deadline is not None:
            remaining = self.options.deadline - time.monotonic()
            if remaining <= 0:
                raise RunTimeout("run timeout (--timeout-s) exceeded")
            timeout = min(timeout, max(remaining, 0.1))
        return timeout

    def send(self, method, url, body=None, headers=None):
        if self.log:
            self.log(">>> %s %s" % (method, url))
            for k, v in (headers or {}).items():
                self.log(">>> %s: %s" % (k, v))
            if body is not None:
                self.log(">>> " + assertions.shorten(body.decode("utf-8", "replace"), 4000))
        try:
            response = self.client.request(method, url, body=body, headers=headers, timeout_s=self._timeout())
        except ConnectionFailure as e:
            if e.timed_out and self.options.deadline is not None and time.monotonic() >= self.options.deadline:
                raise RunTimeout("run timeout (--timeout-s) exceeded during %s %s" % (method, url))
            raise
        if self.log:
            self.log("<<< %d %s" % (response.status, response.reason))
            for w in response.header_values("Warning"):
                self.log("<<< Warning: %s" % w)
            if response.body:
                self.log("<<< " + assertions.shorten(response.text, 4000))
        return response

    # -- steps ------------------------------------------------------------
    def run_steps(self, steps):
        for step in steps:
            if self.options.deadline is not None and time.monotonic() > self.options.deadline:
                raise RunTimeout("run timeout (--timeout-s) exceeded")
            try:
                self.run_step(step)
            except (assertions.AssertionFailure, StepFailure, StashError) as e:
                prefix = "stash: " if isinstance(e, StashError) else ""
                raise StepFailure("step %d (%s): %s%s" % (step.index, self._step_label(step), prefix, e))

    @staticmethod
    def _step_label(step):
        if step.kind == "do" and isinstance(step.value, dict):
            apis = [k for k in step.value if k not in DO_KEYS]
            return "do %s" % (apis[0] if apis else "?")
        if isinstance(step.value, dict) and len(step.value) == 1:
            return "%s %s" % (step.kind, next(iter(step.value)))
        if isinstance(step.value, str):
            return "%s %s" % (step.kind, step.value or "''")
        return step.kind

    def run_step(self, step):
        kind, value = step.kind, step.value
        if kind == "do":
            return self.do(value)
        if kind in ("skip", "requires"):
            raise StepFailure("[%s] must come before any other step" % kind)
        if kind == "set":
            for path, name in self._pairs(kind, value):
                self.stash.stash_value(str(name), self.actual(path))
            return
        if kind == "transform_and_set":
            for name, expr in self._pairs(kind, value):
                m = _TRANSFORM_RE.match(str(expr).strip())
                if not m:
                    raise StepFailure("unsupported transform [%s]" % expr)
                left, right = (self.actual(m.group(i).strip()) for i in (1, 2))
                encoded = base64.b64encode(("%s:%s" % (java_str(left), java_str(right))).encode("utf-8"))
                self.stash.stash_value(str(name), encoded.decode("ascii"))
            return
        if kind in ("is_true", "is_false", "exists", "not_exists"):
            field = "" if value is None else str(value)
            actual = self.actual(field)
            {"is_true": assertions.assert_is_true, "is_false": assertions.assert_is_false,
             "exists": assertions.assert_exists, "not_exists": assertions.assert_not_exists}[kind](field, actual)
            return
        checks = {
            "match": assertions.assert_match,
            "length": assertions.assert_length,
            "contains": assertions.assert_contains,
            "is_after": assertions.assert_is_after,
        }
        if kind in checks:
            for field, expected in self._pairs(kind, value):
                checks[kind](field, self.actual(field), self.expected(expected))
            return
        if kind in ("gt", "gte", "lt", "lte"):
            for field, expected in self._pairs(kind, value):
                assertions.assert_compare(kind, field, self.actual(field), self.expected(expected))
            return
        if kind == "close_to":
            for field, spec in self._pairs(kind, value):
                if not isinstance(spec, dict) or "value" not in spec or "error" not in spec:
                    raise StepFailure("close_to [%s] needs {value, error}" % field)
                assertions.assert_close_to(field, self.actual(field), self.expected(spec["value"]),
                                           self.expected(spec["error"]))
            return
        raise StepFailure("unsupported step type [%s]" % kind)

    @staticmethod
    def _pairs(kind, value):
        if not isinstance(value, dict) or not value:
            raise StepFailure("[%s] expects a mapping, got %r" % (kind, value))
        return [("" if k is None else str(k), v) for k, v in value.items()]

    def actual(self, field):
        if self.stash.contains_stashed_value(field):
            return self.stash.get_value(field)
        if self.response is None:
            raise StepFailure("no response to assert on (no `do` ran before)")
        return self.response.evaluate(field, self.stash)

    def expected(self, value):
        if isinstance(value, (dict, list)):
            return self.stash.replace_stashed_values(value)
        if self.stash.contains_stashed_value(value):
            return self.stash.get_value(value)
        return value

    # -- do -----------------------------------------------------------------
    def do(self, value):
        if not isinstance(value, dict):
            raise StepFailure("do expects a mapping")
        apis = [k for k in value if k not in DO_KEYS]
        if len(apis) != 1:
            raise StepFailure("do needs exactly one api call, got %s" % apis)
        api_name = apis[0]
        call = value[api_name] or {}
        if not isinstance(call, dict):
            raise StepFailure("api call [%s] expects a mapping of params" % api_name)
        catch = value.get("catch")
        catch = None if catch is None else str(catch)
        if catch == "param":
            return  # as ES: the client would refuse the call; nothing is sent
        is_regex = catch is not None and len(catch) > 2 and catch.startswith("/") and catch.endswith("/")
        if catch is not None and catch not in CATCHES and not is_regex:
            raise StepFailure("catch value [%s] not supported" % catch)

        params = {}
        for name, param in call.items():
            if name == "body":
                continue
            params[name] = self._param_value(param)
        ignore = set()
        if "ignore" in params:
            try:
                ignore = {int(x) for x in api_spec.param_text(params.pop("ignore")).split(",") if x.strip()}
            except ValueError:
                raise StepFailure("ignore must list status codes")
        if self.options.error_trace and "error_trace" in self.spec.global_params:
            params.setdefault("error_trace", True)
        headers = {str(k): self.stash.replace_in_param(java_str(v)) for k, v in (value.get("headers") or {}).items()}
        has_body = "body" in call
        try:
            request = api_spec.build_request(self.spec, api_name, params, call.get("body"), has_body,
                                             headers, self.stash, self.options.rng)
        except api_spec.ClientValidationError as e:
            raise StepFailure("client: %s" % e)
        if has_body and _is_yaml(request.headers) and isinstance(call.get("body"), dict):
            request.body = yaml.safe_dump(self.stash.replace_stashed_values(call["body"])).encode("utf-8")

        http_response = self.send(request.method, request.url, request.body, request.headers)
        self.response = None
        self.stash.stash_value("body", None)
        response = TestResponse(http_response)
        self.response = response
        # ES stashes every response body, error or not.
        self.stash.stash_value("body", response.body)

        is_error = http_response.status >= 300 and not (request.method == "HEAD" and http_response.status == 404) \
            and http_response.status not in ignore
        if not is_error:
            if catch is not None:
                expected = CATCHES[catch][0] if catch in CATCHES else "4xx|5xx"
                raise StepFailure("expected [%s] status code but api [%s] returned %s"
                                  % (expected, api_name, response.describe()))
            self.check_warnings(value, http_response)
            return
        if catch is None:
            raise StepFailure("expected [2xx] status code but api [%s] returned %s" % (api_name, response.describe()))
        if catch in CATCHES:
            expected, matches = CATCHES[catch]
            if not matches(http_response.status):
                raise StepFailure("expected [%s] status code but api [%s] returned %s"
                                  % (expected, api_name, response.describe()))
            return
        if http_response.status < 400:
            raise StepFailure("expected [4xx|5xx] status code but api [%s] returned %s"
                              % (api_name, response.describe()))
        error = response.evaluate("error", self.stash)
        if error is None:
            raise StepFailure("catch %s: no [error] in the response %s" % (catch, response.describe()))
        regex = catch[1:-1]
        error_text = java_str(error)
        try:
            found = java_regex.java_find(regex, error_text, comments=False)
        except java_regex.JavaRegexError as e:
            raise StepFailure("catch: unsupported regex: %s" % e)
        if not found:
            raise StepFailure("the error was expected to match %s but was %s"
                              % (catch, assertions.shorten(error_text, 400)))

    def _param_value(self, value):
        if isinstance(value, list):
            return [self._param_value(v) for v in value]
        if isinstance(value, str) and self.stash.contains_stashed_value(value):
            return java_str(self.stash.get_value(value))
        return value

    def check_warnings(self, do_value, http_response):
        expected = [str(w) for w in do_value.get("warnings") or []]
        expected_regex = [str(w) for w in do_value.get("warnings_regex") or []]
        allowed = [str(w) for w in do_value.get("allowed_warnings") or []]
        allowed_regex = [str(w) for w in do_value.get("allowed_warnings_regex") or []]
        unexpected = []
        for header in split_warning_headers(http_response.header_values("Warning")):
            text = parse_warning(header)
            candidates = [header] if text is None else [text, urllib.parse.unquote(text)]
            if any(c in allowed for c in candidates):
                continue
            hit = next((c for c in candidates if c in expected), None)
            if hit is not None:
                expected.remove(hit)
                continue
            matched = False
            for pattern in list(expected_regex):
                if any(java_regex.compile_java(pattern).fullmatch(c) for c in candidates):
                    expected_regex.remove(pattern)
                    matched = True
                    break
            if not matched and any(java_regex.compile_java(p).fullmatch(c) for p in allowed_regex for c in candidates):
                matched = True
            if not matched:
                unexpected.append(header)
        problems = []
        if expected:
            problems.append("did not get expected warning header(s) %s" % expected)
        if expected_regex:
            problems.append("no warning header matched %s" % expected_regex)
        if unexpected:
            if self.options.strict_warnings:
                shown = [assertions.shorten(u, 200) for u in unexpected]
                problems.append("got unexpected warning header(s) %s" % shown)
            elif self.log:
                self.log("(ignored unexpected warning headers: %s)" % unexpected)
        if problems:
            raise StepFailure("; ".join(problems))

    # -- tests --------------------------------------------------------------
    def wipe(self):
        """Deletes every index (and with them aliases) and open scrolls."""
        self.send("DELETE", "/_search/scroll/_all")  # any status: scrolls may be unsupported
        response = self.send("DELETE", "/*?expand_wildcards=all")
        if response.status in (200, 404):
            return
        listing = self.send("GET", "/_cat/indices?format=json&h=index&expand_wildcards=all")
        try:
            names = [row["index"] for row in json.loads(listing.body.decode("utf-8"))]
        except (ValueError, TypeError, KeyError):
            raise StepFailure("DELETE /*?expand_wildcards=all returned %d and _cat/indices is unusable (%d)"
                              % (response.status, listing.status))
        for name in names:
            r = self.send("DELETE", "/%s?expand_wildcards=all" % urllib.parse.quote(name, safe=""))
            if r.status not in (200, 404):
                raise StepFailure("DELETE /%s returned %d: %s" % (name, r.status, assertions.shorten(r.text, 200)))

    def run_test(self, test_file, test):
        """Runs one test as ES's ESClientYamlSuiteTestCase.test() does:

        prerequisites of setup, teardown and the test (any of them skips the
        test); setup; clear the stash and last response; the test; then,
        only if setup succeeded, the `do` steps of teardown; then the wipe.
        Returns a TestResult."""
        test_id = test_file.test_id(test)
        started = time.monotonic()
        result = TestResult(test_id, test_file.rel_dir, PASSED)
        self.stash.clear()
        self.response = None
        try:
            prereqs = [p for section in (test_file.setup, test_file.teardown, test) if section is not None
                       for p in section.prerequisites]
            reason = prerequisites.skip_reason(prereqs, self.info)
        except prerequisites.PrerequisiteError as e:
            result.status, result.reason = FAILED, "skip/requires: %s" % e
            return self._finish(result, started)
        except ConnectionFailure as e:
            result.status, result.reason = FAILED, "capabilities check: %s" % e
            result.connection_failure = e
            return self._finish(result, started)
        if reason is not None:
            result.status, result.reason = SKIPPED, reason
            return self._finish(result, started)
        if not test.steps:
            result.status, result.reason = FAILED, "no executable steps in the test"
            return self._finish(result, started)

        failure = None
        setup_done = False
        try:
            if test_file.setup is not None:
                self.run_steps(test_file.setup.steps)
            setup_done = True
            self.stash.clear()
            self.response = None
            self.run_steps(test.steps)
        except StepFailure as e:
            failure = str(e) if setup_done else "setup: %s" % e
        except RunTimeout as e:
            failure = str(e)
        except ConnectionFailure as e:
            failure = str(e) if setup_done else "setup: %s" % e
            result.connection_failure = e

        if result.connection_failure is None:
            failure = self._after_test(test_file, result, failure, setup_done)
        if failure is not None:
            result.status, result.reason = FAILED, failure
        return self._finish(result, started)

    def _after_test(self, test_file, result, failure, run_teardown):
        """Teardown and wipe; returns the (possibly new) failure reason."""
        teardown = test_file.teardown
        if run_teardown and teardown is not None:
            try:
                # ES executes only the `do` steps of a teardown section.
                self.run_steps([s for s in teardown.steps if s.kind == "do"])
            except (StepFailure, RunTimeout) as e:
                failure = failure or "teardown: %s" % e
            except ConnectionFailure as e:
                result.connection_failure = e
                return failure or "teardown: %s" % e
        try:
            self.wipe()
        except (StepFailure, RunTimeout) as e:
            failure = failure or "cleanup: %s" % e
        except ConnectionFailure as e:
            result.connection_failure = e
            failure = failure or "cleanup: %s" % e
        return failure

    @staticmethod
    def _finish(result, started):
        result.duration_s = time.monotonic() - started
        return result


def _is_yaml(headers):
    return any(k.lower() == "content-type" and "yaml" in str(v).lower() for k, v in headers.items())
