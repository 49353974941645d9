"""API keys for the store endpoints: ``NLP_SERVICE_API_KEYS=KEY:role,KEY:role`` (roles editor, reader).

Clients send ``Authorization: Bearer KEY``. Reads need a reader or an editor key, writes an editor key;
no (or an unknown) key is 401, a reader key on a write is 403. With no keys configured the store answers
only on a loopback address (``nlp-service serve`` refuses another address; a request that reaches the
server on another address is refused here too). A request that a reverse proxy forwarded (it carries
``Forwarded``, ``X-Forwarded-For`` or ``X-Real-IP``) is local only when it came from a proxy listed in
``NLP_SERVICE_TRUSTED_PROXIES`` on behalf of a loopback client: behind a local proxy, the socket is always
loopback, whoever reached the proxy.

Keys are kept only as SHA-256 digests, compared as digests, and never logged nor echoed: an editor is
recorded in corrections by the key's fingerprint (``key:`` and 12 hex digits of its digest).
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass

from fastapi import HTTPException, Request

from nlp_service.errors import ConfigurationError

ROLES = ("editor", "reader")
LOOPBACK_NAMES = {"localhost"}
FORWARDING = ("forwarded", "x-forwarded-for", "x-real-ip")


@dataclass(frozen=True)
class Principal:
    role: str
    who: str  # what corrections record as the editor


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def fingerprint(key: str) -> str:
    return "key:" + _digest(key)[:12]


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Proxies:
    """``NLP_SERVICE_TRUSTED_PROXIES``: peers whose ``X-Forwarded-For`` names the real client."""

    def __init__(self, spec: str):
        self.addresses = frozenset(a.strip() for a in spec.split(",") if a.strip())

    def is_local(self, request: Request) -> bool:
        """The request reached a loopback socket from a loopback client, directly or through a trusted proxy."""
        server = request.scope.get("server")
        if not server or not is_loopback(server[0]):
            return False
        if not any(name in request.headers for name in FORWARDING):
            return True
        peer = request.scope.get("client")
        forwarded_for = request.headers.get("x-forwarded-for")
        if not peer or peer[0] not in self.addresses or not forwarded_for:
            return False
        return is_loopback(forwarded_for.split(",")[-1].strip())  # the hop the trusted proxy itself added


class ApiKeys:
    """Parsed ``NLP_SERVICE_API_KEYS``. Errors name the entry's position and never its key."""

    def __init__(self, spec: str | None):
        self._roles: dict[str, str] = {}
        for position, entry in enumerate((spec or "").split(","), start=1):
            entry = entry.strip()
            if not entry:
                continue
            key, sep, role = entry.rpartition(":")
            key, role = key.strip(), role.strip().lower()
            if not sep or not key:
                raise ConfigurationError(f"NLP_SERVICE_API_KEYS entry {position} is not KEY:role")
            if role not in ROLES:
                raise ConfigurationError(f"NLP_SERVICE_API_KEYS entry {position} has role {role!r}; "
                                         f"roles are {', '.join(ROLES)}")
            digest = _digest(key)
            if digest in self._roles and self._roles[digest] != role:
                raise ConfigurationError(f"NLP_SERVICE_API_KEYS entry {position} repeats a key with another role")
            self._roles[digest] = role

    def __bool__(self) -> bool:
        return bool(self._roles)

    def __len__(self) -> int:
        return len(self._roles)

    def __repr__(self) -> str:  # never the keys
        return f"ApiKeys({len(self)} keys)"

    def role_of(self, key: str) -> str | None:
        return self._roles.get(_digest(key))


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": 'Bearer realm="nlp_service"'})


def authenticate(request: Request) -> Principal:
    keys: ApiKeys = request.app.state.api_keys
    if not keys:
        if request.app.state.proxies.is_local(request):
            return Principal(role="editor", who="loopback")
        raise HTTPException(403, "no API keys are configured (NLP_SERVICE_API_KEYS), so the article store "
                                 "answers only to local requests on a loopback address, not forwarded ones")
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise _unauthorized("send an API key as 'Authorization: Bearer KEY'")
    key = key.strip()
    role = keys.role_of(key)
    if role is None:
        raise _unauthorized("the API key is not valid")
    return Principal(role=role, who=fingerprint(key))


def reader(request: Request) -> Principal:
    """Dependency: any valid key (reader or editor)."""
    return authenticate(request)


def editor(request: Request) -> Principal:
    """Dependency: an editor key."""
    principal = authenticate(request)
    if principal.role != "editor":
        raise HTTPException(403, "this needs an editor key; the key given is a reader's")
    return principal
