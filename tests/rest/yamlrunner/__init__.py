"""Runner for Elasticsearch's YAML REST conformance tests against Quiver.

Modules, in the order a test flows through them:
  yaml_loader   -- YAML with the scalar rules of Elasticsearch's (Jackson) loader
  suite         -- a test file as setup / tests / teardown, made of steps
  api_spec      -- the REST API spec (api/*.json) and request building
  http_client   -- one keep-alive HTTP connection with timeouts
  stash         -- `set` values and `$var` / `${var}` substitution
  object_path   -- dotted response paths (`hits.hits.0._id`, `a\\.b`)
  java_regex    -- Java regex syntax and flags translated to Python's `re`
  assertions    -- match / length / is_true / gt / close_to / ...
  prerequisites -- skip / requires: versions, features, capabilities
  executor      -- runs steps and tests, wipes the cluster between tests
  server        -- starts / restarts / stops a local quiver process
  report        -- failure lines, per-directory table, JSON / passing lists
  cli           -- command line
"""
