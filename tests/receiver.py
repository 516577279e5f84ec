"""A small HTTP server on 127.0.0.1 for tests: it records what is POSTed to it (webhooks,
redirect targets) and plays an API-key service whose `/check` accepts one key."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Receiver:
    def __init__(self, *, api_key: str = "", fail_first: int = 0) -> None:
        self.api_key = api_key
        self.fail_first = fail_first  # answer this many POSTs with 503 before accepting
        self.posts: list[dict[str, Any]] = []
        self.gets: list[str] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                with receiver._lock:
                    receiver.posts.append({"path": self.path, "headers": dict(self.headers), "body": body, "at": time.time()})
                    failing = len(receiver.posts) <= receiver.fail_first
                self.send_response(503 if failing else 200)
                self.send_header("content-length", "0")
                self.end_headers()

            def do_GET(self) -> None:
                with receiver._lock:
                    receiver.gets.append(self.path)
                if self.path.startswith("/check"):
                    ok = bool(receiver.api_key) and self.headers.get("x-api-key") == receiver.api_key
                    body = json.dumps({"user": "key-user", "id": "k-42"} if ok else {"message": "invalid API key"}).encode()
                    self.send_response(200 if ok else 401)
                else:
                    body = b"<!doctype html><title>landed</title><h1 id=landed>landed</h1>"
                    self.send_response(200)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        """Forget what was received: the next `fail_first` POSTs fail again."""
        with self._lock:
            self.posts.clear()
            self.gets.clear()

    def wait_for_posts(self, count: int, timeout: float = 15.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.posts) >= count:
                    return list(self.posts)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} POSTs, got {len(self.posts)}")
