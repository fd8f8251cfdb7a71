"""MT on a LibreTranslate server: the same drafting, glossary protection and progress.

When a team outgrows one machine, MT runs on a shared LibreTranslate server (it serves
installed Argos packages over HTTP). This engine sends the prepared segments (glossary
terms already placeholders) in batches of ``batch_size`` texts per ``POST /translate``
(``q`` as a list, ``format: "text"``, the API key when one is set, ``alternatives`` for an
n-best list), reports each batch as it comes back, and stops between batches when asked.
LibreTranslate cannot ban token sequences, so forbidden renderings are only replaced after
MT, as with any engine.

Errors are for people: a server that cannot be reached, a refused API key, a language pair
the server does not serve, or a reply that is not LibreTranslate's each say which URL and
what to do.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any

from workbench.adapters.mt_engine import BatchDone, DecodeOptions, EngineResult, MtEngine
from workbench.errors import UserError

DEFAULT_BATCH_SIZE = 16
DEFAULT_TIMEOUT_S = 120.0
#: LibreTranslate's ``alternatives`` limit by default (``--alternatives-limit``).
MAX_ALTERNATIVES = 3


class LibreTranslateEngine(MtEngine):
    """A LibreTranslate server at ``url`` translating ``source`` → ``target``."""

    name = "libretranslate"

    def __init__(
        self,
        url: str,
        api_key: str = "",
        *,
        source: str = "de",
        target: str = "en",
        batch_size: int = DEFAULT_BATCH_SIZE,
        timeout: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.source = source
        self.target = target
        self.batch_size = max(1, batch_size)
        self.timeout = timeout

    @property
    def model_id(self) -> str:
        host = urllib.parse.urlsplit(self.url).netloc or self.url
        return f"libretranslate {host} {self.source}-{self.target}"

    # --- the API -----------------------------------------------------------------------

    def _request(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        """One call: GET without a payload, POST JSON with one; the reply's JSON."""
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="GET" if payload is None else "POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise UserError(
                f"cannot reach the LibreTranslate server: {reason}",
                self.url,
                "start the server, or set [mt] url in workbench.toml to where it runs",
            ) from None
        try:
            return json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise UserError(
                "the reply is not JSON: is this a LibreTranslate server?",
                f"{self.url}{path}",
                "check [mt] url in workbench.toml",
            ) from None

    def _http_error(self, exc: urllib.error.HTTPError) -> UserError:
        try:
            detail = str(json.loads(exc.read().decode("utf-8")).get("error", ""))
        except (ValueError, UnicodeDecodeError, AttributeError, OSError):
            detail = ""
        where = f"{self.url}/translate"
        if exc.code in (401, 403) or "api key" in detail.lower():
            return UserError(
                f"the LibreTranslate server wants a valid API key ({exc.code}: {detail})",
                where,
                "set [mt] api_key in workbench.toml or WORKBENCH_MT_API_KEY to a valid key",
            )
        if exc.code == 429:
            return UserError(
                f"the LibreTranslate server's request limit was reached: {detail}",
                where,
                "wait and run the command again, or ask for a key with a higher limit",
            )
        return UserError(
            f"the LibreTranslate server answered {exc.code}: {detail or exc.reason}",
            where,
            f"check that it serves {self.source}→{self.target} (`GET {self.url}/languages`)",
        )

    def translate_batch(self, texts: Sequence[str], alternatives: int = 0) -> list[list[str]]:
        """One request: each text's translation, followed by its alternatives."""
        payload: dict[str, Any] = {
            "q": list(texts),
            "source": self.source,
            "target": self.target,
            "format": "text",
        }
        if alternatives:
            payload["alternatives"] = alternatives
        if self.api_key:
            payload["api_key"] = self.api_key
        reply = self._request("/translate", payload)
        translated = reply.get("translatedText") if isinstance(reply, dict) else None
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise UserError(
                "unexpected reply to /translate (no list of translations)",
                f"{self.url}/translate",
                "is this a LibreTranslate server (version 1.3 or later)?",
            )
        extra = reply.get("alternatives") or [[] for _ in texts]
        return [
            [str(t), *(str(a) for a in alts)] for t, alts in zip(translated, extra, strict=False)
        ]

    # --- MtEngine ----------------------------------------------------------------------

    def translate(
        self,
        texts: Sequence[str],
        options: DecodeOptions | None = None,
        on_batch: Callable[[BatchDone], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        banned: Sequence[Sequence[str]] | None = None,
    ) -> EngineResult:
        """Translate ``texts`` in requests of ``batch_size``; ``banned`` cannot be honoured
        by the server (drafting replaces forbidden renderings after)."""
        del banned
        opts = options or DecodeOptions()
        alternatives = min(MAX_ALTERNATIVES, opts.hypotheses - 1)
        started = time.perf_counter()
        result = EngineResult(outputs=[None] * len(texts))
        todo = [i for i, t in enumerate(texts) if t.strip()]
        for i, text in enumerate(texts):
            if not text.strip():
                result.outputs[i] = ""
        for start in range(0, len(todo), self.batch_size):
            if cancelled is not None and cancelled():
                result.cancelled = True
                break
            batch = todo[start : start + self.batch_size]
            replies = self.translate_batch([texts[i] for i in batch], alternatives)
            done: dict[int, str] = {}
            nbest: dict[int, list[str]] = {}
            words = 0
            for i, hyps in zip(batch, replies, strict=True):
                result.outputs[i] = done[i] = hyps[0]
                nbest[i] = list(dict.fromkeys(hyps))
                words += len(hyps[0].split())
            result.target_tokens += words
            if on_batch is not None:
                on_batch(BatchDone(done, words, {}, nbest))
        result.seconds = time.perf_counter() - started
        return result
