"""API keys: parsing, loopback addresses, fingerprints; and that a key never shows in an error."""

import pytest

from nlp_service.api.auth import ApiKeys, fingerprint, is_loopback
from nlp_service.errors import ConfigurationError


def test_keys_and_roles_are_parsed():
    keys = ApiKeys(" bientap-7f3a:editor , docgia-19c2:Reader,,")
    assert len(keys) == 2 and keys
    assert keys.role_of("bientap-7f3a") == "editor" and keys.role_of("docgia-19c2") == "reader"
    assert keys.role_of("docgia-19c2 ") is None and keys.role_of("khac") is None
    assert not ApiKeys(None) and not ApiKeys("") and not ApiKeys(" , ")


def test_a_key_may_contain_colons():
    assert ApiKeys("a:b:c:editor").role_of("a:b:c") == "editor"


@pytest.mark.parametrize("spec", ["khoa-bi-mat-1", ":editor", "khoa-bi-mat-1:admin", "khoa-bi-mat-1:",
                                  "khoa-bi-mat-1:editor,khoa-bi-mat-1:reader"])
def test_malformed_keys_are_refused_without_showing_them(spec):
    with pytest.raises(ConfigurationError) as caught:
        ApiKeys(spec)
    assert "khoa-bi-mat-1" not in str(caught.value) and "NLP_SERVICE_API_KEYS entry" in str(caught.value)


def test_keys_are_not_in_repr_nor_fingerprints():
    keys = ApiKeys("khoa-bi-mat-2:editor")
    assert "khoa-bi-mat-2" not in repr(keys)
    fp = fingerprint("khoa-bi-mat-2")
    assert fp.startswith("key:") and len(fp) == 16 and "khoa" not in fp and fp == fingerprint("khoa-bi-mat-2")
    assert fp != fingerprint("khoa-bi-mat-3")


@pytest.mark.parametrize("host,loopback", [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("LOCALHOST", True), ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("10.0.0.1", False),
    ("example.vn", False), ("testserver", False), ("", False), (None, False)])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback
