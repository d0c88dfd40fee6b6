"""A YAML test file: an optional `setup`, an optional `teardown`, and tests.

Each YAML document of a file holds `setup`, `teardown` or one named test
(Elasticsearch's "Test suite format"); every section is a list of steps,
each step a one-key mapping (`do`, `match`, `skip`, ...).  Leading `skip` /
`requires` steps of a section are its prerequisites; a `setup` section's
prerequisites apply to every test of the file.

Test ids are `<path relative to the tests root>::<test name>`, e.g.
`test/bulk/10_basic.yml::Array of objects`.
"""

import os

from . import yaml_loader

PREREQUISITE_STEPS = ("skip", "requires")


class Step:
    """One step of a section: `kind` is the step type, `value` its body."""

    __slots__ = ("kind", "value", "index")

    def __init__(self, kind, value, index):
        self.kind = kind
        self.value = value
        self.index = index  # 1-based position inside its section

    def __repr__(self):
        return "Step(%d, %s)" % (self.index, self.kind)


class Section:
    """setup, teardown or a test: prerequisites followed by steps."""

    def __init__(self, name, prerequisites, steps):
        self.name = name
        self.prerequisites = prerequisites  # list of (kind, value)
        self.steps = steps  # list of Step


class TestFile:
    def __init__(self, path, rel_path):
        self.path = path
        self.rel_path = rel_path  # e.g. "test/bulk/10_basic.yml"
        self.setup = None
        self.teardown = None
        self.tests = []  # list of Section
        self.error = None  # set when the file cannot be parsed

    @property
    def rel_dir(self):
        return os.path.dirname(self.rel_path)

    def test_id(self, test):
        return "%s::%s" % (self.rel_path, test.name)


class SuiteParseError(Exception):
    pass


def parse_section(name, raw_steps):
    if raw_steps is None:
        raw_steps = []
    if not isinstance(raw_steps, list):
        raise SuiteParseError("section [%s] must be a list of steps, got %s" % (name, type(raw_steps).__name__))
    prerequisites = []
    steps = []
    for position, raw in enumerate(raw_steps, start=1):
        if not isinstance(raw, dict) or len(raw) != 1:
            raise SuiteParseError("section [%s] step %d must be a mapping with exactly one key, got %r"
                                  % (name, position, raw))
        (kind, value), = raw.items()
        kind = str(kind)
        if kind in PREREQUISITE_STEPS and not steps:
            if not isinstance(value, dict):
                raise SuiteParseError("section [%s]: [%s] must be a mapping" % (name, kind))
            prerequisites.append((kind, value))
        else:
            steps.append(Step(kind, value, position))
    return Section(str(name), prerequisites, steps)


def parse_text(text, path="<string>", rel_path=None):
    """Parses a test file's text into a TestFile (errors go to .error)."""
    test_file = TestFile(path, rel_path if rel_path is not None else os.path.basename(path))
    try:
        documents = yaml_loader.load_all(text)
        for doc in documents:
            if not isinstance(doc, dict):
                raise SuiteParseError("each YAML document must be a mapping, got %s" % type(doc).__name__)
            for name, raw_steps in doc.items():
                section = parse_section(name, raw_steps)
                if name == "setup":
                    if test_file.setup is not None:
                        raise SuiteParseError("more than one setup section")
                    test_file.setup = section
                elif name == "teardown":
                    if test_file.teardown is not None:
                        raise SuiteParseError("more than one teardown section")
                    test_file.teardown = section
                else:
                    if any(t.name == section.name for t in test_file.tests):
                        raise SuiteParseError("duplicate test name [%s]" % section.name)
                    test_file.tests.append(section)
    except Exception as e:  # SuiteParseError, yaml.YAMLError, ...
        test_file.error = "%s: %s" % (type(e).__name__, e)
        test_file.tests = []
    return test_file


def parse_file(path, rel_path):
    with open(path, "r", encoding="utf-8") as f:
        text = f.read()
    return parse_text(text, path, rel_path)
