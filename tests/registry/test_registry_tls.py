"""HTTPS served directly by `vais-registry serve` with certificates made here; TLS 1.2 is the floor."""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from registry_support import Server, launch, server_env

from vais.pkg.registry_api import RegistryClient

pytestmark = pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1/localhost signed by it."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("Vais test CA")).issuer_name(_name("Vais test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    directory.mkdir(parents=True, exist_ok=True)
    ca_path, cert_path, key_path = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    ca, cert, key = make_certificates(tmp_path / "pki")
    env = server_env(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}", TLS_ENABLED="true", TLS_CERT=str(cert),
                     TLS_KEY=str(key))
    server = launch(tmp_path / "srv", env, scheme="https", verify=ssl.create_default_context(cafile=str(ca)))
    try:
        yield server, ca
    finally:
        server.stop()


def _client_context(ca: Path, version: ssl.TLSVersion) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(ca))
    context.minimum_version = context.maximum_version = version
    return context


def _handshake(port: int, context: ssl.SSLContext) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock, \
            context.wrap_socket(sock, server_hostname="127.0.0.1") as tls:
        return str(tls.version())


def _openssl_can_speak_tls11() -> bool:
    """Whether this OpenSSL can complete a TLS 1.1 handshake at all (many builds disable it)."""
    try:
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        for ctx in (server_ctx, client_ctx):
            ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_1
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    except (ValueError, ssl.SSLError):
        return False
    client_ctx.check_hostname = False
    client_ctx.verify_mode = ssl.CERT_NONE
    return _loopback_handshake(server_ctx, client_ctx)


def _loopback_handshake(server_ctx: ssl.SSLContext, client_ctx: ssl.SSLContext) -> bool:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _, cert, key = make_certificates(Path(tmp))
        server_ctx.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    result: list[bool] = []

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            with server_ctx.wrap_socket(conn, server_side=True):
                result.append(True)
        except (ssl.SSLError, OSError):
            result.append(False)

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        _handshake(listener.getsockname()[1], client_ctx)
        ok = True
    except (ssl.SSLError, OSError):
        ok = False
    thread.join(10)
    listener.close()
    return ok and result == [True]


def test_https_with_generated_certificates(tls_server: tuple[Server, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    server, ca = tls_server
    port = int(server.env["PORT"])
    assert server.client.get("/api/v1/health").json() == {"status": "ok"}
    assert _handshake(port, _client_context(ca, ssl.TLSVersion.TLSv1_2)) == "TLSv1.2"
    assert _handshake(port, _client_context(ca, ssl.TLSVersion.TLSv1_3)) == "TLSv1.3"
    with pytest.raises(httpx.ConnectError):  # an untrusted certificate is not accepted silently
        httpx.get(f"{server.url}/api/v1/health", verify=ssl.create_default_context())
    monkeypatch.setenv("SSL_CERT_FILE", str(ca))  # how users point the CLI at a private CA
    with RegistryClient(server.url) as client:
        assert client.search("anything", 1, 10)["total"] == 0


def test_tls_1_1_is_refused(tls_server: tuple[Server, Path]) -> None:
    if not _openssl_can_speak_tls11():
        pytest.skip("this OpenSSL cannot negotiate TLS 1.1 even when asked, so refusal cannot be observed")
    server, ca = tls_server
    context = _client_context(ca, ssl.TLSVersion.TLSv1_1)
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    with pytest.raises((ssl.SSLError, ConnectionResetError)):
        _handshake(int(server.env["PORT"]), context)
