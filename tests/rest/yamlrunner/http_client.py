"""A minimal HTTP/1.1 client: one keep-alive connection, a timeout on
every request, and connection failures reported as ConnectionFailure.

Not thread safe; the runner is single threaded.
"""

import http.client
import socket
import urllib.parse


class ConnectionFailure(Exception):
    """No HTTP response: refused, reset, or timed out (`timed_out`)."""

    def __init__(self, message, timed_out=False):
        super().__init__(message)
        self.timed_out = timed_out


class Response:
    def __init__(self, method, status, reason, headers, body):
        self.method = method
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value)
        self.body = body  # bytes (b"" when none)

    def header_values(self, name):
        lname = name.lower()
        return [v for k, v in self.headers if k.lower() == lname]

    def header(self, name, default=None):
        values = self.header_values(name)
        return values[0] if values else default

    @property
    def content_type(self):
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class HttpClient:
    def __init__(self, base_url, timeout_s=30.0):
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", ""):
            raise ValueError("only http:// urls are supported: %s" % base_url)
        self.host = parsed.hostname or "127.0.0.1"
        self.port = parsed.port or 9200
        self.base_path = parsed.path.rstrip("/")
        self.timeout_s = timeout_s
        self._conn = None
        self._conn_used = False

    @property
    def base_url(self):
        return "http://%s:%d%s" % (self.host, self.port, self.base_path)

    def close(self):
        if self._conn is not None:
            try:
                self._conn.close()
            except OSError:
                pass
        self._conn = None
        self._conn_used = False

    def _connection(self, timeout_s):
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout_s)
            self._conn_used = False
        else:
            self._conn.timeout = timeout_s
            if self._conn.sock is not None:
                self._conn.sock.settimeout(timeout_s)
        return self._conn

    def request(self, method, url, body=None, headers=None, timeout_s=None):
        """Sends one request; `url` is path + query.  Returns a Response."""
        timeout_s = self.timeout_s if timeout_s is None else timeout_s
        headers = dict(headers or {})
        for attempt in (1, 2):
            conn = self._connection(timeout_s)
            reused = self._conn_used
            try:
                conn.request(method, self.base_path + url, body=body, headers=headers)
                raw = conn.getresponse()
                data = raw.read()  # b"" for HEAD; always read to free the connection
                response = Response(method, raw.status, raw.reason, list(raw.getheaders()), data)
                self._conn_used = True
                if raw.will_close:
                    self.close()
                return response
            except (socket.timeout, TimeoutError) as e:
                self.close()
                raise ConnectionFailure("request timed out after %.0fs: %s %s" % (timeout_s, method, url),
                                        timed_out=True) from e
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                    ConnectionAbortedError) as e:
                self.close()
                if reused and attempt == 1:
                    continue  # the server closed an idle keep-alive connection
                raise ConnectionFailure("connection lost: %s %s: %s" % (method, url, e)) from e
            except (OSError, http.client.HTTPException) as e:
                self.close()
                raise ConnectionFailure("connection failed: %s %s: %s" % (method, url, e)) from e
        raise AssertionError("unreachable")
