"""Local HTTP servers speaking LibreTranslate's and DeepL's documented APIs, for tests.

Each fake "translates" deterministically: "[uk] " + text for a translation into Ukrainian (our
language code, whichever provider code was asked for), records every request, and can be told to
fail: `server.failure = "garbage" | "wrong-shape" | "wrong-count" | "slow" | 403 | 429 | 456 | 500`.

Use from any test package: import the fixtures into that package's conftest.py,

    from tests.translation.fake_servers import deepl_server, libretranslate_server  # noqa: F401

then `libretranslate_server.use_in(settings)` makes `get_provider()` talk to the fake.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

FAILURES = ("garbage", "wrong-shape", "wrong-count", "slow", 403, 429, 456, 500)
# Longer than any client timeout a test sets; a stopped server wakes the sleeper at once.
SLOW_SECONDS = 5.0


def fake_translation(text: str, target: str) -> str:
    """What the fakes answer for `text` translated into our language code `target`."""
    return f"[{target}] {text}"


@dataclass
class Recorded:
    """One request a fake received; `data` is the body, parsed from JSON or a form."""

    method: str
    path: str
    headers: dict[str, str]
    data: Any


@dataclass
class _Reply:
    status: int
    body: Any = None
    raw: bytes | None = None


class FakeServer:
    """A ThreadingHTTPServer on 127.0.0.1 with a free port, running in a daemon thread."""

    provider = ""

    def __init__(self, *, api_key: str = ""):
        self.api_key = api_key
        self.failure: str | int | None = None
        self.requests: list[Recorded] = []
        self._release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._stopped = False

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering; later requests fail to connect. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def use_in(self, settings, *, timeout: float = 2) -> None:
        """Point the project's settings (pytest-django's `settings` fixture) at this fake."""
        raise NotImplementedError

    # Subclasses answer one request; failures are applied around them.
    def answer(self, method: str, path: str, headers: dict[str, str], data: Any) -> _Reply:
        raise NotImplementedError

    def wrong_shape(self) -> Any:
        raise NotImplementedError

    def wrong_count(self, reply: _Reply) -> Any:
        raise NotImplementedError

    def error(self, status: int, message: str) -> _Reply:
        raise NotImplementedError

    def _respond(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> _Reply:
        data = _parse_body(headers.get("content-type", ""), raw)
        self.requests.append(Recorded(method, path, headers, data))
        if self.failure == "slow":
            self._release.wait(SLOW_SECONDS)
        elif isinstance(self.failure, int):
            return self.error(self.failure, f"Fake failure {self.failure}")
        elif self.failure == "garbage":
            return _Reply(200, raw=b"<html>502 Bad Gateway</html>\x00\xff")
        elif self.failure == "wrong-shape":
            return _Reply(200, body=self.wrong_shape())
        reply = self.answer(method, path, headers, data)
        if self.failure == "wrong-count" and reply.status == 200:
            reply = _Reply(200, body=self.wrong_count(reply))
        return reply

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers = {name.lower(): value for name, value in self.headers.items()}
                path = self.path.split("?", 1)[0]
                reply = fake._respond(self.command, path, headers, raw)
                if reply.raw is not None:
                    content, content_type = reply.raw, "text/html"
                else:
                    content = json.dumps(reply.body, ensure_ascii=False).encode()
                    content_type = "application/json"
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content)
                except OSError:
                    pass  # the client gave up waiting (the slow failure)

            do_GET = do_POST = _handle

            def log_message(self, format, *args):  # keep test output quiet
                pass

        return Handler


def _parse_body(content_type: str, raw: bytes) -> Any:
    if not raw:
        return {}
    if content_type.startswith("application/x-www-form-urlencoded"):
        return parse_qs(raw.decode())
    try:
        return json.loads(raw)
    except ValueError:
        return None


class FakeLibreTranslate(FakeServer):
    """POST /translate and /detect as LibreTranslate documents them; `api_key` if one is set."""

    provider = "libretranslate"
    LANGUAGES = ("de", "uk", "en")

    def use_in(self, settings, *, timeout: float = 2) -> None:
        settings.POBRATYM_TRANSLATION_PROVIDER = "libretranslate"
        settings.LIBRETRANSLATE_URL = self.url
        settings.LIBRETRANSLATE_API_KEY = self.api_key
        settings.POBRATYM_TRANSLATION_TIMEOUT = timeout

    def error(self, status: int, message: str) -> _Reply:
        return _Reply(status, body={"error": message})

    def wrong_shape(self) -> Any:
        return {"translation": "no translatedText here"}

    def wrong_count(self, reply: _Reply) -> Any:
        texts = reply.body.get("translatedText")
        if isinstance(texts, list):
            return {"translatedText": [*texts, "[extra]"]}
        return {"translatedText": [texts, "[extra]"]}

    def answer(self, method, path, headers, data) -> _Reply:
        if method != "POST" or path not in ("/translate", "/detect"):
            return self.error(404, "Not Found")
        if not isinstance(data, dict):
            return self.error(400, "Invalid request: the body is not JSON or a form")
        if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            data = {key: _single(value) for key, value in data.items()}
        if self.api_key:
            if not data.get("api_key"):
                return self.error(400, "Please contact the server operator to get an API key")
            if data["api_key"] != self.api_key:
                return self.error(403, "Invalid API key")
        q = data.get("q")
        if not q:
            return self.error(400, "Invalid request: missing q parameter")
        if path == "/detect":
            return _Reply(200, body=[{"language": _script_language(str(q)), "confidence": 90.0}])
        source, target = data.get("source"), data.get("target")
        if not source:
            return self.error(400, "Invalid request: missing source parameter")
        if not target:
            return self.error(400, "Invalid request: missing target parameter")
        for code in (source, target):
            if code not in (*self.LANGUAGES, "auto") or code == target == "auto":
                return self.error(400, f"{code} is not supported")
        if data.get("format", "text") not in ("text", "html"):
            return self.error(400, f"{data['format']} format is not supported")
        texts = q if isinstance(q, list) else [q]
        translated = [fake_translation(text, target) for text in texts]
        body: dict[str, Any] = {
            "translatedText": translated if isinstance(q, list) else translated[0]
        }
        if source == "auto":
            detected = [{"language": _script_language(t), "confidence": 90.0} for t in texts]
            body["detectedLanguage"] = detected if isinstance(q, list) else detected[0]
        return _Reply(200, body=body)


class FakeDeepL(FakeServer):
    """POST /v2/translate as DeepL documents it: key in the header, JSON or form bodies."""

    provider = "deepl"
    SOURCE_LANGS = {"DE": "de", "UK": "uk", "EN": "en"}
    TARGET_LANGS = {"DE": "de", "UK": "uk", "EN-GB": "en", "EN-US": "en", "EN": "en"}

    def __init__(self, *, api_key: str = "test-key:fx"):
        super().__init__(api_key=api_key)

    def use_in(self, settings, *, timeout: float = 2) -> None:
        settings.POBRATYM_TRANSLATION_PROVIDER = "deepl"
        settings.DEEPL_API_KEY = self.api_key
        settings.DEEPL_URL = self.url
        settings.POBRATYM_TRANSLATION_TIMEOUT = timeout

    def error(self, status: int, message: str) -> _Reply:
        return _Reply(status, body={"message": message})

    def wrong_shape(self) -> Any:
        return {"translations": "not a list"}

    def wrong_count(self, reply: _Reply) -> Any:
        return {"translations": reply.body["translations"][:-1]}

    def answer(self, method, path, headers, data) -> _Reply:
        if headers.get("authorization") != f"DeepL-Auth-Key {self.api_key}":
            return self.error(403, "Wrong endpoint or authentication key")
        if path != "/v2/translate":
            return self.error(404, "Not found")
        if method != "POST":
            return self.error(405, "Method not allowed")
        if not isinstance(data, dict):
            return self.error(400, "Bad request. Reason: the body could not be parsed")
        texts = data.get("text")
        if isinstance(texts, str):
            texts = [texts]
        target = _single(data.get("target_lang"))
        source = _single(data.get("source_lang"))
        if not texts or not all(isinstance(text, str) for text in texts):
            return self.error(400, "Value for 'text' not supported.")
        if len(texts) > 50:
            return self.error(413, "Request Entity Too Large")
        if not isinstance(target, str) or target.upper() not in self.TARGET_LANGS:
            return self.error(400, "Value for 'target_lang' not supported.")
        if source is not None and (
            not isinstance(source, str) or source.upper() not in self.SOURCE_LANGS
        ):
            return self.error(400, "Value for 'source_lang' not supported.")
        ours = self.TARGET_LANGS[target.upper()]
        detected = source.upper() if source else None
        return _Reply(
            200,
            body={
                "translations": [
                    {
                        "detected_source_language": detected or _script_language(text).upper(),
                        "text": fake_translation(text, ours),
                    }
                    for text in texts
                ]
            },
        )


def _single(value: Any) -> Any:
    """A form field arrives as a list of values; JSON gives the value itself."""
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


def _script_language(text: str) -> str:
    return "uk" if any("\u0400" <= character <= "\u04ff" for character in text) else "de"


@pytest.fixture
def libretranslate_server():
    """A fake LibreTranslate that requires the API key "test-libre-key"."""
    server = FakeLibreTranslate(api_key="test-libre-key").start()
    yield server
    server.stop()


@pytest.fixture
def deepl_server():
    """A fake DeepL that accepts the free-plan key "test-key:fx"."""
    server = FakeDeepL(api_key="test-key:fx").start()
    yield server
    server.stop()
