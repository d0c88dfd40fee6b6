"""`skip` and `requires` sections: should a test (or a whole file) run?

As Elasticsearch's PrerequisiteSection: a section is skipped when
  * it names a runner feature (skip.features / requires.test_runner_features)
    this runner does not implement (RUNNER_FEATURES), or `xpack`;
  * any `requires` criterion fails: every requires.cluster_features is
    present, every requires.capabilities check answers supported: true;
  * or any `skip` criterion holds: the server version lies in a skip.version
    range, the cluster has any skip.cluster_features, a skip.capabilities
    check is supported, skip.awaits_fix is set, or a known_issues entry has
    its cluster_feature but not its fixed_by feature.
Version ranges: "all"; comma-separated "lower - upper" with either side
optional, both ends inclusive (" - 6.99.99", "7.3.0 - ", "8.4.0 - 8.5.0").
Cluster features: `gte_vX.Y.Z` holds when the server version >= X.Y.Z; any
other name must be in the server's feature list (ClusterInfo.features).
"""

import re

# Runner features this runner implements (skip.features /
# requires.test_runner_features naming anything else skip the test).
RUNNER_FEATURES = frozenset([
    "allowed_warnings",
    "allowed_warnings_regex",
    "arbitrary_key",
    "capabilities",
    "catch_unauthorized",
    "close_to",
    "contains",
    "default_shards",       # we never change the default number of shards
    "embedded_stash_key",
    "headers",
    "node_selector",        # accepted and ignored: Quiver is one node
    "stash_in_key",
    "stash_in_path",
    "stash_path_replace",
    "transform_and_set",
    "warnings",
    "warnings_regex",
    "yaml",
])

_VERSION_RE = re.compile(r"^\s*(\d+)\.(\d+)(?:\.(\d+))?")
_GTE_RE = re.compile(r"^gte_v(\d+\.\d+(?:\.\d+)?)$")
_MAX_VERSION = (1 << 30, 0, 0)


class PrerequisiteError(Exception):
    """A malformed skip/requires section."""


def parse_version(text):
    """'8.19.0-SNAPSHOT' -> (8, 19, 0); None if not x.y[.z]."""
    if text is None:
        return None
    m = _VERSION_RE.match(str(text))
    if not m:
        return None
    return (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))


def version_in_ranges(version, ranges):
    """Does `version` (a tuple) fall in any of the skip.version `ranges`?"""
    text = str(ranges).strip()
    if text == "all":
        return True
    if text == "current":
        return True  # one node, running "the" version under test
    if text in ("non_current", "mixed"):
        return False
    for raw in text.split(","):
        pieces = raw.split("-")
        if len(pieces) == 1:
            point = parse_version(pieces[0])
            if point is None:
                raise PrerequisiteError("version range malformed: %r" % ranges)
            lower = upper = point
        elif len(pieces) == 2:
            lower_text, upper_text = pieces[0].strip(), pieces[1].strip()
            lower = parse_version(lower_text) if lower_text else (0, 0, 0)
            upper = parse_version(upper_text) if upper_text else _MAX_VERSION
            if lower is None or upper is None:
                raise PrerequisiteError("version range malformed: %r" % ranges)
        else:
            raise PrerequisiteError("version range malformed: %r" % ranges)
        if lower <= version <= upper:
            return True
    return False


class ClusterInfo:
    """What prerequisites are judged against.

    version: tuple from `GET /` version.number; features: named cluster
    features; capability_check(method, path, parameters, capabilities) ->
    True / False / None (unknown), or None when not available.
    """

    def __init__(self, version, features=(), capability_check=None, version_text=None, runner_features=RUNNER_FEATURES):
        self.version = version
        self.version_text = version_text or ".".join(str(v) for v in version)
        self.features = frozenset(features)
        self.capability_check = capability_check
        self.runner_features = frozenset(runner_features)

    def has_feature(self, name):
        m = _GTE_RE.match(name)
        if m:
            return self.version >= parse_version(m.group(1))
        return name in self.features

    def capability(self, check):
        if not isinstance(check, dict) or "path" not in check:
            raise PrerequisiteError("capabilities entry needs a path: %r" % (check,))
        if self.capability_check is None:
            return None

        def joined(key):
            value = check.get(key)
            if value is None:
                return None
            return ",".join(value) if isinstance(value, list) else str(value)

        return self.capability_check(str(check.get("method", "GET")), str(check["path"]),
                                     joined("parameters"), joined("capabilities"))


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


_SKIP_KEYS = {"version", "reason", "features", "os", "cluster_features", "awaits_fix", "known_issues", "capabilities"}
_REQUIRES_KEYS = {"reason", "test_runner_features", "cluster_features", "capabilities"}


def skip_reason(prerequisites, info):
    """None when the section must run, else a short reason for skipping.

    `prerequisites` is a list of ("skip" | "requires", mapping).
    """
    if not prerequisites:
        return None
    runner_features = []
    requires = []
    skips = []
    for kind, section in prerequisites:
        allowed = _SKIP_KEYS if kind == "skip" else _REQUIRES_KEYS
        unknown = set(section) - allowed
        if unknown:
            raise PrerequisiteError("unsupported field(s) %s in %s section" % (sorted(unknown), kind))
        reason = section.get("reason")
        features = _as_list(section.get("features" if kind == "skip" else "test_runner_features"))
        runner_features.extend(features)
        if kind == "requires":
            requires.append((section, reason))
        else:
            skips.append((section, reason))

    missing = [f for f in runner_features if f not in info.runner_features and f != "no_xpack"]
    if missing:
        return "runner features not supported: %s" % ", ".join(missing)

    for section, reason in requires:
        for feature in _as_list(section.get("cluster_features")):
            if not info.has_feature(feature):
                return "requires cluster feature [%s]%s" % (feature, _because(reason))
        for check in section.get("capabilities") or []:
            if info.capability(check) is not True:
                return "requires capability %s%s" % (_describe_capability(check), _because(reason))

    for section, reason in skips:
        if section.get("awaits_fix"):
            return "awaits fix: %s" % section.get("awaits_fix")
        if section.get("version") is not None:
            if version_in_ranges(info.version, section["version"]):
                return "version %s in skip range [%s]%s" % (info.version_text, str(section["version"]).strip(),
                                                             _because(reason))
        for feature in _as_list(section.get("cluster_features")):
            if info.has_feature(feature):
                return "cluster has feature [%s]%s" % (feature, _because(reason))
        for issue in section.get("known_issues") or []:
            if info.has_feature(str(issue.get("cluster_feature"))) and not info.has_feature(str(issue.get("fixed_by"))):
                return "known issue [%s]%s" % (issue.get("cluster_feature"), _because(reason))
        for check in section.get("capabilities") or []:
            if info.capability(check) is True:
                return "cluster has capability %s%s" % (_describe_capability(check), _because(reason))
    return None


def _because(reason):
    return ": %s" % str(reason).strip() if reason else ""


def _describe_capability(check):
    return "%s %s %s" % (check.get("method", "GET"), check.get("path"), check.get("capabilities"))
