"""The REST API spec (api/*.json) and turning a `do` step into a request.

How a call `{api: {param: value, body: ...}}` becomes an HTTP request, as
Elasticsearch's ClientYamlTestClient does it:

* Path: among the spec's paths whose `{parts}` are all provided, the one
  using the most parts (ties: the first listed; `--random-methods` picks at
  random like ES).  Each part is percent-encoded on its own (so `/` becomes
  %2F); list values are joined with ','.  An empty list counts as absent.
* Every other param must be an api param or a global param (_common.json:
  pretty, human, error_trace, source, filter_path) and goes to the query
  string; the client param `ignore` is accepted but not sent; anything else
  rejects the call before sending (as ES does).  Required
  params, a required body or an unsupported body are checked the same way.
* Values: booleans `true`/`false`, lists comma-joined, numbers as text.
* Method: ES picks one of the path's methods at random.  We are
  deterministic: without a body the first listed method; with a body the
  first listed method that is not GET/HEAD (search -> POST, index -> PUT),
  else the first.
* Body: a mapping is JSON; a list is one JSON document per line; a string is
  sent as written (re-serialised only if it holds `$stash` references).  For
  apis whose spec says `body.serialize: bulk` the body always ends with a
  newline and defaults to `Content-Type: application/x-ndjson`; otherwise
  `application/json`.  A `Content-Type` header on the step wins.
"""

import glob
import json
import os
import urllib.parse

from .java_text import java_str

CLIENT_PARAMS = ("ignore",)
DEFAULT_GLOBAL_PARAMS = ("pretty", "human", "error_trace", "source", "filter_path")
_PATH_SAFE = "!$&'()*+,;=:@"
_QUERY_SAFE = ",*"


class ClientValidationError(Exception):
    """The call cannot be built (the runner's `catch: param` situation)."""


class ApiPath:
    def __init__(self, path, methods, parts):
        self.path = path
        self.methods = list(methods)
        self.parts = list(parts)

    def __repr__(self):
        return "ApiPath(%s %s)" % (self.methods, self.path)


class Api:
    def __init__(self, name, definition):
        self.name = name
        self.paths = [ApiPath(p["path"], p.get("methods", []), (p.get("parts") or {}).keys())
                      for p in definition.get("url", {}).get("paths", [])]
        self.params = dict(definition.get("params") or {})
        self.body = definition.get("body")

    @property
    def required_params(self):
        return {k for k, v in self.params.items() if isinstance(v, dict) and v.get("required")}

    @property
    def body_supported(self):
        return self.body is not None

    @property
    def body_required(self):
        return bool(self.body and self.body.get("required"))

    @property
    def bulk_body(self):
        return bool(self.body and self.body.get("serialize") == "bulk")


class RestSpec:
    def __init__(self, apis, global_params):
        self.apis = apis
        self.global_params = set(global_params)

    @classmethod
    def load(cls, api_dir):
        apis = {}
        global_params = set()
        files = sorted(glob.glob(os.path.join(api_dir, "*.json")))
        if not files:
            raise FileNotFoundError("no api/*.json spec files in %s" % api_dir)
        for path in files:
            with open(path, "r", encoding="utf-8") as f:
                data = json.load(f)
            if os.path.basename(path) == "_common.json":
                global_params.update((data.get("params") or {}).keys())
                continue
            for name, definition in data.items():
                apis[name] = Api(name, definition)
        return cls(apis, global_params)

    def get(self, name):
        api = self.apis.get(name)
        if api is None:
            raise ClientValidationError("api [%s] is not in the rest spec" % name)
        return api


def param_text(value):
    """The text ES's runner would send for a YAML param value."""
    if isinstance(value, (list, tuple)):
        return ",".join(param_text(v) for v in value)
    return java_str(value)


class Request:
    def __init__(self, method, path, query, body, headers, api):
        self.method = method
        self.path = path
        self.query = query  # list of (name, text)
        self.body = body  # bytes or None
        self.headers = headers  # dict
        self.api = api

    @property
    def url(self):
        if not self.query:
            return self.path
        qs = "&".join("%s=%s" % (urllib.parse.quote(k, safe=""), urllib.parse.quote(v, safe=_QUERY_SAFE))
                      for k, v in self.query)
        return self.path + "?" + qs

    def __repr__(self):
        return "%s %s" % (self.method, self.url)


def best_paths(api, provided):
    candidates = [p for p in api.paths if all(part in provided for part in p.parts)]
    if not candidates:
        return []
    most = max(len(p.parts) for p in candidates)
    return [p for p in candidates if len(p.parts) == most]


def choose_method(methods, has_body, rng=None):
    if not methods:
        raise ClientValidationError("path has no methods")
    if rng is not None:
        return rng.choice(methods)
    if has_body:
        for m in methods:
            if m not in ("GET", "HEAD"):
                return m
    return methods[0]


def build_url(api, params, has_body, global_params=DEFAULT_GLOBAL_PARAMS, rng=None):
    """Returns (method, path, query list) for `params` (name -> YAML value).

    Raises ClientValidationError when ES's client would refuse the call.
    """
    present = {k: v for k, v in params.items() if not (isinstance(v, (list, tuple)) and len(v) == 0)}
    candidates = best_paths(api, present.keys())
    if not candidates:
        raise ClientValidationError("no path of api [%s] matches the provided parts %s (paths: %s)"
                                    % (api.name, sorted(present), [p.path for p in api.paths]))
    path = rng.choice(candidates) if rng is not None else candidates[0]
    required = set(api.required_params)
    path_text = path.path
    query = []
    for name, value in present.items():
        if name in path.parts:
            encoded = urllib.parse.quote(param_text(value), safe=_PATH_SAFE)
            path_text = path_text.replace("{%s}" % name, encoded)
        elif name in CLIENT_PARAMS:
            continue  # handled by the client (e.g. `ignore: 404`), never sent
        elif name in api.params:
            query.append((name, param_text(value)))
            required.discard(name)
        elif name in global_params:
            query.append((name, param_text(value)))
        else:
            raise ClientValidationError("path/param [%s] not supported by [%s] api" % (name, api.name))
    if required:
        raise ClientValidationError("missing required parameter: %s by [%s] api" % (sorted(required), api.name))
    if has_body and not api.body_supported:
        raise ClientValidationError("body is not supported by [%s] api" % api.name)
    if not has_body and api.body_required:
        raise ClientValidationError("body is required by [%s] api" % api.name)
    method = choose_method(path.methods, has_body, rng)
    return method, path_text, query


def _json_bytes(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _parse_json_stream(text):
    """All JSON values in `text` (whitespace separated), or None."""
    decoder = json.JSONDecoder()
    values = []
    i = 0
    n = len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            return values
        try:
            value, i = decoder.raw_decode(text, i)
        except ValueError:
            return None
        values.append(value)


def encode_body(api, body, stash):
    """Returns (bytes, default content type) for a YAML body value."""
    bulk = api.bulk_body
    if isinstance(body, str):
        if stash is not None and "$" in body:
            docs = _parse_json_stream(body)
            if docs is not None:
                return encode_body(api, docs if (bulk or len(docs) != 1) else docs[0], stash)
        data = body.encode("utf-8")
        if bulk and not data.endswith(b"\n"):
            data += b"\n"
        return data, ("application/x-ndjson" if bulk else "application/json")
    if isinstance(body, list):
        lines = []
        for item in body:
            if isinstance(item, str):
                docs = _parse_json_stream(item) if (stash is not None and "$" in item) else None
                if docs is None:
                    lines.append(item.rstrip("\n").encode("utf-8"))
                    continue
                lines.extend(_json_bytes(stash.replace_stashed_values(d)) for d in docs)
            else:
                if stash is not None:
                    item = stash.replace_stashed_values(item)
                lines.append(_json_bytes(item))
        if not bulk and len(lines) == 1:
            return lines[0], "application/json"
        return b"\n".join(lines) + b"\n", ("application/x-ndjson" if bulk else "application/json")
    if stash is not None:
        body = stash.replace_stashed_values(body)
    data = _json_bytes(body)
    if bulk:
        data += b"\n"
    return data, ("application/x-ndjson" if bulk else "application/json")


def build_request(spec, api_name, params, body=None, has_body=False, headers=None, stash=None, rng=None):
    """A Request for one `do` call; params already stash-substituted."""
    api = spec.get(api_name)
    method, path, query = build_url(api, params, has_body, spec.global_params or DEFAULT_GLOBAL_PARAMS, rng)
    request_headers = dict(headers or {})
    data = None
    if has_body:
        data, content_type = encode_body(api, body, stash)
        if not any(k.lower() == "content-type" for k in request_headers):
            request_headers["Content-Type"] = content_type
    return Request(method, path, query, data, request_headers, api)
