"""The reading service of this host (`python -m ocr.serve`): `capil up` starts it as its part "reader";
on a production worker host it runs beside `prefect worker start`, as the same user (docs/production.md).

It reads its settings from the environment (`CAPIL_DATA_DIR`, `CAPIL_CAGE_*`), starts the cage
processes at once, so that the first flow run finds them warm, and serves until SIGTERM or SIGINT,
or until the process that started it is gone (its parent id changes: a flow runner killed with
SIGKILL leaves no service behind that would hold the socket of the next one).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from typing import Any

from core import load_settings

from ._cage import Cage
from ._reading_service import ReadingService, socket_path


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings()
    service = ReadingService(Cage.from_settings(settings), socket_path(settings.data_dir))

    def stop(_signum: int, _frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=_stop_when_orphaned, args=(service,), name="parent-watch", daemon=True).start()
    try:
        service.cage.start()
        service.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        service.close()
    sys.exit(0)


def _stop_when_orphaned(service: ReadingService) -> None:
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    logging.getLogger(__name__).info("reading service: its parent is gone; stopping")
    service.shutdown()


if __name__ == "__main__":
    main()
