"""YAML loading with the scalar rules of Elasticsearch's test loader.

Elasticsearch reads the test files with Jackson's YAML parser, which only
resolves plain scalars to null, true/false, integers and floats.  PyYAML's
SafeLoader follows YAML 1.1 and would also turn `2016-01-01` into a date,
`12:30` into a sexagesimal integer, `010` into octal 8 and `yes`/`on` into
booleans, while leaving `5e-10` a string.  This loader resolves exactly:

  null   ~ null Null NULL (and the empty scalar)
  bool   true True TRUE false False FALSE
  int    [-+]?[0-9]+                       (decimal, leading zeros allowed)
  float  [-+]?(1.5 | .5 | 1.) with optional exponent, or 1e5; .inf / .nan
Everything else is a string.  Mapping order is preserved.
"""

import re

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EsYamlLoader(_BaseLoader):
    """SafeLoader with Jackson-like implicit scalar resolution."""


EsYamlLoader.yaml_implicit_resolvers = {}

_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")

EsYamlLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL_RE, list("tTfF"))
EsYamlLoader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL_RE, ["~", "n", "N", ""])
EsYamlLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT_RE, list("-+0123456789"))
EsYamlLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_RE, list("-+0123456789."))


def _construct_int(loader, node):
    return int(loader.construct_scalar(node))


def _construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith("inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text.endswith("nan"):
        return float("nan")
    return float(text)


def _construct_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


EsYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
EsYamlLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
EsYamlLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
# Explicitly tagged timestamps (`!!timestamp`) are not used by the suite;
# keep them as text like every other unrecognised scalar.
EsYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load_all(text):
    """Returns the list of YAML documents in `text` (None documents dropped)."""
    return [doc for doc in yaml.load_all(text, Loader=EsYamlLoader) if doc is not None]


def load(text):
    return yaml.load(text, Loader=EsYamlLoader)
