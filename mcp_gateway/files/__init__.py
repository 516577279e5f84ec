"""Files: the file store (a local directory or S3), File Stash (a run's /tmp kept for a day
under a `stash_id`), and ingestion (files sent to the gateway, used later by `file_id`)."""

from .errors import (
    BadFileInput,
    FileError,
    FileNotFound,
    FileStoreError,
    FileTooLarge,
    FileTypeRefused,
    StashNotFound,
)
from .service import URL_TTL, FileRef, Files, stash_requested
from .sniff import is_textual
from .stash_uris import URI_TEMPLATE as STASH_URI_TEMPLATE
from .stash_uris import is_stash_uri, parse_stash_uri, stash_uri
from .store import FileStore, StoredObject
from .urls import BaseUrlMiddleware, serving
from .workspace import RunFiles, StashOutput, StashSync, needs_files

__all__ = [
    "STASH_URI_TEMPLATE",
    "URL_TTL",
    "BadFileInput",
    "BaseUrlMiddleware",
    "FileError",
    "FileNotFound",
    "FileRef",
    "FileStore",
    "FileStoreError",
    "FileTooLarge",
    "FileTypeRefused",
    "Files",
    "RunFiles",
    "StashNotFound",
    "StashOutput",
    "StashSync",
    "StoredObject",
    "is_stash_uri",
    "is_textual",
    "needs_files",
    "parse_stash_uri",
    "serving",
    "stash_requested",
    "stash_uri",
]
