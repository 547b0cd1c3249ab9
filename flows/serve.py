"""Serve the local deployments (`python -m flows.serve`), as `capil up` does.

Production uses `prefect deploy` with `prefect.yaml` and workers on a work pool;
locally one process both registers the deployments and runs their flow runs.
"""

from __future__ import annotations

from prefect import serve

from flows.process import finalize_application, process_application

DEPLOYMENT_NAME = "capil-local"


def main() -> None:
    serve(
        process_application.to_deployment(name=DEPLOYMENT_NAME, tags=["capil"]),
        finalize_application.to_deployment(name=DEPLOYMENT_NAME, tags=["capil"]),
        limit=2,
    )


if __name__ == "__main__":
    main()
