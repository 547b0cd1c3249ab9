"""Object storage: the intake and archive buckets, versioned and under S3 object lock.

`ObjectStore` is the interface (`_store.py`); `S3ObjectStore` talks to any S3 with object lock
(SeaweedFS locally, MinIO in production) and `MemoryObjectStore` is the fake for unit tests;
`seaweedfs_argv` and `s3_healthy` let a launcher run and watch the local SeaweedFS, secured
below its S3 gateway by `seaweedfs_security` (mutual TLS, JWT; `seaweedfs_shell_argv` for an admin);
`ensure_s3_credentials` keeps the local stack's key pair under the secrets directory.
"""

from typing import TYPE_CHECKING

from ._credentials import S3Credentials, ensure_s3_credentials
from ._memory import MemoryObjectStore
from ._s3 import SHA256_META, S3ObjectStore, s3_healthy
from ._seaweedfs import PORT_SPAN, SeaweedFSPorts, seaweedfs_argv, seaweedfs_security, seaweedfs_shell_argv
from ._seaweedfs_security import SeaweedFSSecurity
from ._store import ObjectRetention, ObjectStore

__all__ = [
    "PORT_SPAN",
    "SHA256_META",
    "MemoryObjectStore",
    "ObjectRetention",
    "ObjectStore",
    "S3Credentials",
    "S3ObjectStore",
    "SeaweedFSPorts",
    "SeaweedFSSecurity",
    "ensure_s3_credentials",
    "s3_healthy",
    "seaweedfs_argv",
    "seaweedfs_security",
    "seaweedfs_shell_argv",
]

if TYPE_CHECKING:  # both implementations satisfy the interface (checked by mypy)
    _memory: ObjectStore = MemoryObjectStore()
    _s3: ObjectStore = S3ObjectStore("", S3Credentials("", ""))
