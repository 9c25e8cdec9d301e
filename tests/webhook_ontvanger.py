"""A real local HTTP receiver for webhook deliveries (the tests' second LAS), on this
worktree's ports."""

from __future__ import annotations

import contextlib
import http.server
import json
import threading

POORTEN = range(8601, 8610)


class Ontvanger:
    def __init__(self):
        self.ontvangen: list[dict] = []
        self.status = 204
        self._server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/hook"

    def start(self):
        ontvanger = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                lengte = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(lengte)
                ontvanger.ontvangen.append(
                    {"headers": dict(self.headers.items()), "body": body, "pad": self.path}
                )
                self.send_response(ontvanger.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        for poort in POORTEN:
            with contextlib.suppress(OSError):
                self._server = http.server.ThreadingHTTPServer(("127.0.0.1", poort), Handler)
                break
        assert self._server is not None, "no free port in 8601-8609"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def gebeurtenissen(self) -> list[str]:
        return [json.loads(o["body"])["gebeurtenis"] for o in self.ontvangen]
