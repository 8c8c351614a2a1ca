"""Encrypted hand-over files: AES-256-GCM in authenticated chunks, the key from scrypt.

The format is documented in docs/handover-encryption.md. Each chunk is sealed with a nonce made
of a random per-file prefix, the chunk's index and a final flag, and the whole header is
authenticated with every chunk, so a reordered, cut short, extended or altered file is refused.
Decrypted bytes are only ever written into a private (0700) temporary folder that is removed
afterwards, also on error.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from models.errors import InnsiktError

MAGIC = b"INNSIKT-SEALED\x00\x01"  # 16 bytes: name, NUL, format version 1
CHUNK = 64 * 1024
TAG = 16
SCRYPT_LOG_N = 17  # N = 2**17, r = 8, p = 1: OWASP's recommended minimum (128 MiB, ~1 s)
SCRYPT_R = 8
SCRYPT_P = 1
_HEADER = len(MAGIC) + 3 + 16 + 7 + 4 + 16  # + n/r/p + salt + nonce prefix + chunk + check

Passphrase = Callable[[Path], str]  # asked for a file when it turns out to be sealed


class SealedError(InnsiktError):
    """A sealed file that cannot be opened: wrong passphrase, cut short, or altered."""


def is_sealed(path: Path) -> bool:
    """Whether `path` is a sealed file; anything but a regular file (a FIFO would block) is not."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**log_n, r=r, p=p).derive(passphrase.encode())


def _check(key: bytes) -> bytes:
    return hmac.new(key, b"innsikt passphrase check", hashlib.sha256).digest()[:16]


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


def _chunks(handle: BinaryIO, size: int) -> Iterator[tuple[int, bytes, bool]]:
    """(index, chunk, is the last) of a stream, reading one chunk ahead."""
    index, current = 0, handle.read(size)
    while True:
        following = handle.read(size)
        yield index, current, not following
        if not following:
            return
        index, current = index + 1, following


def seal(source: Path, target: Path, passphrase: str) -> None:
    """Encrypt the file `source` into `target` (written beside it, then renamed; mode 0600)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise SealedError("sealed_empty_passphrase")
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(7)
    key = _key(passphrase, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P)
    header = (
        MAGIC
        + bytes((SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P))
        + salt
        + prefix
        + CHUNK.to_bytes(4, "big")
        + _check(key)
    )
    cipher = AESGCM(key)
    handle, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    partial = Path(partial_name)
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as plain:
            out.write(header)
            for index, chunk, last in _chunks(plain, CHUNK):
                out.write(cipher.encrypt(_nonce(prefix, index, last), chunk, header))
            out.flush()
            os.fsync(out.fileno())
        partial.chmod(0o600)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def unseal(source: Path, target: Path, passphrase: str) -> None:
    """Decrypt `source` into `target`; refuses a wrong passphrase, a cut or an altered file."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with source.open("rb") as handle:
        header = handle.read(_HEADER)
        if len(header) < _HEADER or not header.startswith(MAGIC):
            raise SealedError("sealed_truncated", path=source)
        at = len(MAGIC)
        log_n, r, p = header[at], header[at + 1], header[at + 2]
        salt = header[at + 3 : at + 19]
        prefix = header[at + 19 : at + 26]
        size = int.from_bytes(header[at + 26 : at + 30], "big")
        check = header[at + 30 : at + 46]
        if not (10 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16 and 0 < size <= 1 << 24):
            raise SealedError("sealed_tampered", path=source)
        key = _key(passphrase, salt, log_n, r, p)
        if not hmac.compare_digest(_check(key), check):
            raise SealedError("sealed_wrong_passphrase", path=source)
        cipher = AESGCM(key)
        with target.open("wb") as out:
            last = False
            for index, chunk, last in _chunks(handle, size + TAG):
                if len(chunk) < TAG:
                    raise SealedError("sealed_truncated", path=source)
                try:
                    out.write(cipher.decrypt(_nonce(prefix, index, last), chunk, header))
                except InvalidTag:
                    # A last chunk that is not marked final: the file was cut at a chunk's end.
                    try:
                        cipher.decrypt(_nonce(prefix, index, False), chunk, header)
                    except InvalidTag:
                        raise SealedError("sealed_tampered", path=source) from None
                    raise SealedError("sealed_truncated", path=source) from None
            if not last:
                raise SealedError("sealed_truncated", path=source)


@contextmanager
def private_folder(prefix: str = "innsikt-") -> Iterator[Path]:
    """A 0700 temporary folder, removed afterwards whatever happens."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        folder.chmod(0o700)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def opened(path: Path, passphrase: Passphrase | None) -> Iterator[Path]:
    """`path` itself, or, for a sealed file, its decrypted copy in a private temporary folder."""
    if not is_sealed(path):
        yield path
        return
    if passphrase is None:
        raise SealedError("sealed_needs_passphrase", path=path)
    with private_folder("innsikt-unsealed-") as folder:
        plain = folder / path.name
        unseal(path, plain, passphrase(path))
        yield plain


def seal_written(target: Path, passphrase: str, write: Callable[[Path], object]) -> Path:
    """Let `write` make the plain file in a private folder, then seal it into `target`."""
    with private_folder("innsikt-seal-") as folder:
        plain = folder / target.name
        write(plain)
        seal(plain, target, passphrase)
    return target
