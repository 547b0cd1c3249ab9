"""Progress on stderr, drawn by rich, for the commands that take more than a few seconds.

    with progress("rendering documents", total=30) as bar:   # a bar: bar.advance() per item done
        ...
    with progress("waiting for the decision") as bar:        # no total: a spinner and the time spent
        bar.describe("application 3f2a…: processing")

Drawn only while stderr is a terminal. In a pipe, a log file or a test's captured stderr nothing
is written, and stdout (where `--json` goes) is never written to, nor redirected: what a command
prints there while the bar is up goes straight to stdout. The bar is transient: when the work
ends it is gone, and the command's own lines are all that stay on the screen.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any


class Bar:
    """What a command tells its progress display; this one, for stderr that is not a terminal, shows nothing."""

    def advance(self, n: int = 1) -> None:
        """`n` more items are done."""

    def describe(self, text: str) -> None:
        """What is being done now (replaces the description)."""


class _RichBar(Bar):
    def __init__(self, progress: Any, task: Any) -> None:
        self._progress, self._task = progress, task

    def advance(self, n: int = 1) -> None:
        self._progress.advance(self._task, n)

    def describe(self, text: str) -> None:
        self._progress.update(self._task, description=text)


def shown() -> bool:
    """Whether progress is drawn: stderr is a terminal."""
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())


@contextlib.contextmanager
def progress(description: str, *, total: int | None = None) -> Iterator[Bar]:
    """A progress display on stderr for the duration of the block: a bar if `total` is given, else a spinner."""
    if not shown():
        yield Bar()
        return
    from rich import progress as rich
    from rich.console import Console

    columns: list[Any] = [rich.SpinnerColumn(), rich.TextColumn("{task.description}")]
    if total is not None:
        columns += [rich.BarColumn(), rich.MofNCompleteColumn()]
    columns.append(rich.TimeElapsedColumn())
    with rich.Progress(*columns, console=Console(stderr=True), transient=True, redirect_stdout=False) as display:
        yield _RichBar(display, display.add_task(description, total=total))
