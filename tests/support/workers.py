"""Waiting for an app's background workers in Pilot tests."""

from __future__ import annotations

import contextlib

from textual.app import App
from textual.worker import WorkerCancelled


async def workers_done(app: App[object]) -> None:
    """Wait until no worker of ``app`` is running.

    An exclusive worker replaced by a newer one of its group (a suggestion lookup for a segment
    the user already left) ends cancelled: that is how the app works, not a failure, so unlike
    ``app.workers.wait_for_complete()`` this does not raise for it. A worker that failed still
    raises its error.
    """
    while pending := [worker for worker in app.workers if not worker.is_finished]:
        for worker in pending:
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
