"""Errors of storing and finding files; each message says what to do next."""

from __future__ import annotations


class FileError(Exception):
    """Base of the file errors."""


class FileTooLarge(FileError):
    """A file, or a request carrying files, is over the configured size limit."""


class FileTypeRefused(FileError):
    """A file's content is not of a type the gateway accepts, or not the type it claims."""


class BadFileInput(FileError):
    """An embedded file or upload that cannot be read (bad base64, no name...)."""


class FileNotFound(FileError):
    """No file with this id or key in this project environment (or it has expired)."""


class StashNotFound(FileError):
    """No File Stash with this id for this user in this project environment (or it has expired)."""


class FileStoreError(FileError):
    """The storage backend failed; the request may work when tried again."""
