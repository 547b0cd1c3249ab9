"""Imported by the flow runner's fork server (`flows._warm.PRELOAD`): fills the caches each flow run,
a fresh fork of that server, would otherwise fill again for its one application.

Today that is signing's (`signing.prepare`: the stamp font cut and scaled, the KK fonts registered, the
PKCS#12 key parsed; ~0.5 CPU-s of every approved application on this machine, issue #17) and Prefect's
client models, built once (`flows._warm.complete_prefect_models`); and the runs start no flow-run
suspension observer (`flows._warm.without_suspension_observer`). It reads files
only, as the fork server must: no socket, thread or database connection is made here for forks to share
(`casework.services()` is still built in each run). Anything that fails here is left to the run, which
does it as before and reports its own error.

Last (this module is the last of `PRELOAD`), it moves everything the server has loaded out of the garbage
collector's sight (`gc.freeze`): a fork's collections then never walk, nor write to and so copy, the
inherited heap. A collection in a fork walked all of it: 0.5 CPU-s more for three full collections
in a fork of this server than with it frozen (52,700 against 33,100 page faults; /tmp measurement,
under load, issue #17). Frozen objects are the modules' own, which live as long as the server anyway.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)


def _prepare_signing() -> None:
    import casework
    from core import load_settings

    try:
        casework.prepare_signing(casework.bootstrap(load_settings()))
    except Exception as e:  # the run signs as before and says what is wrong
        log.debug("signing not prepared in the fork server: %s", type(e).__name__)


_prepare_signing()


def _prepare_prefect() -> None:
    from flows._warm import complete_prefect_models, without_suspension_observer

    complete_prefect_models()
    without_suspension_observer()


_prepare_prefect()


def _freeze() -> None:
    gc.collect()
    gc.freeze()


_freeze()
