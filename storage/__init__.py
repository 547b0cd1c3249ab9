"""Object storage: the intake and archive buckets, versioned and under S3 object lock.

`ObjectStore` talks to any S3 with object lock (SeaweedFS locally, MinIO in production);
`seaweedfs_argv` and `s3_healthy` let a launcher run and watch the local SeaweedFS;
`ensure_s3_credentials` keeps the local stack's key pair under the secrets directory;
`MemoryObjectStore` is the fake with the same methods for unit tests.
"""

from ._credentials import S3Credentials, ensure_s3_credentials
from ._memory import MemoryObjectStore
from ._s3 import SHA256_META, ObjectRetention, ObjectStore, s3_healthy
from ._seaweedfs import PORT_SPAN, SeaweedFSPorts, seaweedfs_argv

__all__ = [
    "PORT_SPAN",
    "SHA256_META",
    "MemoryObjectStore",
    "ObjectRetention",
    "ObjectStore",
    "S3Credentials",
    "SeaweedFSPorts",
    "ensure_s3_credentials",
    "s3_healthy",
    "seaweedfs_argv",
]
