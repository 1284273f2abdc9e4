"""HTTP client for the registry API (docs/registry.md): errors become `RegistryError` with the server's message.

Session credentials refresh themselves: on `token_expired` the client spends the refresh token,
stores the new pair and retries once.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from vais import __version__
from vais.pkg.credentials import Credential, CredentialStore, normalise_url
from vais.pkg.errors import PkgError
from vais.pkg.sources import Progress
from vais.pkg.ui import progress_bars

_CHUNK = 64 * 1024


class RegistryError(PkgError):
    def __init__(self, message: str, status: int = 0, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class RegistryClient:
    def __init__(self, url: str, *, credential: Credential | None = None, store: CredentialStore | None = None,
                 timeout: float = 60.0) -> None:
        self.url = normalise_url(url)
        self.credential = credential
        self.store = store
        self._http = httpx.Client(base_url=self.url, timeout=timeout, follow_redirects=False,
                                  headers={"User-Agent": f"vais/{__version__}"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- plumbing ----------------------------------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        cred = self.credential
        if cred is None:
            raise RegistryError(f"not logged in to {self.url}: run `vais login --registry {self.url}` "
                                "(or pass --token)", 401, "authentication_required")
        if cred.username and cred.token.startswith("vais_"):
            return {"Authorization": "Basic " + _basic(cred.username, cred.token)}
        return {"Authorization": f"Bearer {cred.token}"}

    def call(self, method: str, path: str, *, json: Any = None, content: Any = None, params: Any = None,
             headers: dict[str, str] | None = None, auth: bool = False) -> httpx.Response:
        for attempt in (1, 2):
            send_headers = {**(headers or {}), **(self._auth_headers() if auth else {})}
            try:
                response = self._http.request(method, path, json=json, content=content, params=params,
                                               headers=send_headers)
            except httpx.HTTPError as exc:
                raise RegistryError(f"cannot reach registry {self.url}: {exc}") from None
            if response.status_code < 400:
                return response
            error = _error_of(response)
            if attempt == 1 and auth and error.code == "token_expired" and self._refresh():
                continue
            raise error
        raise AssertionError("unreachable")

    def _refresh(self) -> bool:
        cred = self.credential
        if cred is None or not cred.refresh_token:
            return False
        response = self._http.post("/api/v1/auth/refresh", json={"refresh_token": cred.refresh_token})
        if response.status_code != 200:
            return False
        self.credential = session_credential(response.json(), cred.username)
        if self.store is not None:
            self.store.put(self.url, self.credential)
        return True

    # --- auth --------------------------------------------------------------------------------------

    def register(self, username: str, password: str, email: str | None) -> dict[str, Any]:
        return self.call("POST", "/api/v1/auth/register",
                         json={"username": username, "password": password, "email": email}).json()

    def login(self, username: str, password: str) -> Credential:
        data = self.call("POST", "/api/v1/auth/login", json={"username": username, "password": password}).json()
        return session_credential(data, username)

    def logout(self) -> None:
        if self.credential and self.credential.refresh_token:
            self.call("POST", "/api/v1/auth/logout", json={"refresh_token": self.credential.refresh_token})

    def me(self) -> dict[str, Any]:
        return self.call("GET", "/api/v1/me", auth=True).json()

    def create_token(self, name: str, scopes: list[str], expires_in_days: int | None) -> dict[str, Any]:
        return self.call("POST", "/api/v1/tokens", auth=True,
                         json={"name": name, "scopes": scopes, "expires_in_days": expires_in_days}).json()

    # --- keys --------------------------------------------------------------------------------------

    def keys(self, owner: str | None = None) -> list[dict[str, Any]]:
        params = f"?owner={quote(owner)}" if owner else ""
        return self.call("GET", f"/api/v1/keys{params}").json()["keys"]

    def add_key(self, public_key_pem: str) -> dict[str, Any]:
        return self.call("POST", "/api/v1/keys", json={"public_key_pem": public_key_pem}, auth=True).json()

    def revoke_key(self, key_id: str) -> dict[str, Any]:
        return self.call("DELETE", f"/api/v1/keys/{quote(key_id)}", auth=True).json()

    # --- packages ----------------------------------------------------------------------------------

    def publish(self, name: str, version: str, archive: Path, cksum: str, signature: str | None,
                key_id: str | None) -> dict[str, Any]:
        size = archive.stat().st_size
        headers = {"Content-Type": "application/gzip", "Content-Length": str(size), "X-Vais-Checksum": cksum}
        if signature:
            headers["X-Vais-Signature"] = signature
        if key_id:
            headers["X-Vais-Key-Id"] = key_id
        with progress_bars() as start:
            return self.call("PUT", _version_path(name, version), headers=headers, auth=True,
                             content=_chunks(archive.read_bytes(), start(f"uploading {archive.name}"))).json()

    def set_yanked(self, name: str, version: str, yanked: bool) -> dict[str, Any]:
        action = "yank" if yanked else "unyank"
        return self.call("POST", f"{_version_path(name, version)}/{action}", auth=True).json()

    def owners(self, name: str) -> list[str]:
        return self.call("GET", f"/api/v1/packages/{quote(name)}/owners").json()["owners"]

    def change_owners(self, name: str, users: list[str], add: bool) -> list[str]:
        return self.call("PUT" if add else "DELETE", f"/api/v1/packages/{quote(name)}/owners",
                         json={"users": users}, auth=True).json()["owners"]

    def search(self, query: str, page: int, per_page: int) -> dict[str, Any]:
        return self.call("GET", "/api/v1/search", params={"q": query, "page": page, "per_page": per_page}).json()

    def index(self, name: str) -> dict[str, Any] | None:
        try:
            return self.call("GET", f"/api/v1/index/{quote(name)}").json()
        except RegistryError as exc:
            if exc.status == 404:
                return None
            raise

    def download(self, name: str, version: str, progress: Progress | None = None) -> bytes:
        path = f"{_version_path(name, version)}/download"
        headers = self._auth_headers() if self.credential else {}
        try:
            with self._http.stream("GET", path, headers=headers) as response:
                if response.status_code >= 400:
                    response.read()
                    raise _error_of(response)
                total = int(response.headers.get("content-length", "0")) or None
                parts: list[bytes] = []
                done = 0
                for chunk in response.iter_bytes(_CHUNK):
                    parts.append(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
                return b"".join(parts)
        except httpx.HTTPError as exc:
            raise RegistryError(f"cannot download {name} {version} from {self.url}: {exc}") from None


def session_credential(data: dict[str, Any], username: str | None) -> Credential:
    expires = int(time.time()) + int(data["expires_in"]) if "expires_in" in data else None
    return Credential(data["access_token"], username, data.get("refresh_token"), expires)


def _version_path(name: str, version: str) -> str:
    return f"/api/v1/packages/{quote(name)}/{quote(version)}"


def _chunks(data: bytes, progress: Progress | None) -> Iterator[bytes]:
    for start in range(0, len(data), _CHUNK):
        yield data[start:start + _CHUNK]
        if progress is not None:
            progress(min(start + _CHUNK, len(data)), len(data))


def _basic(username: str, token: str) -> str:
    return base64.b64encode(f"{username}:{token}".encode()).decode()


def _error_of(response: httpx.Response) -> RegistryError:
    try:
        error = response.json()["error"]
        code, message = str(error["code"]), str(error["message"])
    except (ValueError, KeyError, TypeError):
        code, message = "http_error", response.text[:200] or response.reason_phrase
    return RegistryError(f"registry answered {response.status_code}: {message}", response.status_code, code)
