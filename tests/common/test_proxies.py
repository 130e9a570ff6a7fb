"""The client's address behind the load balancer (TRUSTED_PROXIES, common/proxies.py), and
the log-in throttle that counts by it."""

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from kwaliteitslabel.common.proxies import client_address
from tests.world import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
BALANCER = "10.0.0.2"


def trust(settings, *proxies):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(p, strict=False) for p in proxies]


def request(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("198.51.100.7", "203.0.113.5")) == "198.51.100.7"
    assert client_address(request("198.51.100.7")) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(settings):
    trust(settings, "10.0.0.0/24")
    assert client_address(request(BALANCER, "203.0.113.5")) == "203.0.113.5"
    # Whatever the client wrote itself stands left of what our proxy appended.
    assert client_address(request(BALANCER, "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    # IPv6, and addresses with a port as some balancers write them.
    assert client_address(request(BALANCER, "2001:db8::1")) == "2001:db8::1"
    assert client_address(request(BALANCER, "[2001:db8::1]:51234")) == "2001:db8::1"
    assert client_address(request(BALANCER, "203.0.113.5:51234")) == "203.0.113.5"
    # A server listening on IPv6 sees the IPv4 balancer as ::ffff:10.0.0.2.
    assert client_address(request("::ffff:10.0.0.2", "203.0.113.5")) == "203.0.113.5"
    # No header from the proxy itself (its health check): the proxy's address.
    assert client_address(request(BALANCER)) == BALANCER


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(settings):
    trust(settings, "10.0.0.0/24")
    assert client_address(request("198.51.100.7", "10.0.0.9, 203.0.113.5")) == "198.51.100.7"


def test_a_chain_of_proxies_is_walked_from_the_right(settings):
    trust(settings, "10.0.0.0/24", "192.0.2.10")
    # client -> CDN edge (192.0.2.10) -> balancer (10.0.0.1) -> app (peer 10.0.0.2)
    chain = "6.6.6.6, 203.0.113.5, 192.0.2.10, 10.0.0.1"
    assert client_address(request(BALANCER, chain)) == "203.0.113.5"
    # An untrusted hop in the middle is where trust ends: it is the client.
    assert client_address(request(BALANCER, "203.0.113.5, 198.51.100.7, 10.0.0.1")) == (
        "198.51.100.7"
    )
    # Only our own proxies: the request began inside; the first of them.
    assert client_address(request(BALANCER, "10.0.0.5, 10.0.0.1")) == "10.0.0.5"
    # Garbage where our proxy should have written an address: not the client's word.
    assert client_address(request(BALANCER, "203.0.113.5, unknown")) == BALANCER


def fail_log_ins(client, address, times):
    for n in range(times):
        # Another unknown e-mail each time, so only the per-address limit counts.
        client.post(
            reverse("account_login"),
            {"login": f"onbekend{n}@example.nl", "password": "fout"},
            REMOTE_ADDR=BALANCER,
            HTTP_X_FORWARDED_FOR=address,
        )


def log_in(client, world, address):
    return client.post(
        reverse("account_login"),
        {"login": world.users["member_admin"].email, "password": PASSWORD},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.mark.django_db
def test_behind_the_balancer_the_log_in_throttle_counts_per_client(client, world, settings):
    trust(settings, "10.0.0.0/24")
    fail_log_ins(client, "203.0.113.5", 10)  # ACCOUNT_RATE_LIMITS: 10 a minute per address
    assert log_in(client, world, "203.0.113.5").status_code == 200  # this one is locked out
    assert log_in(client, world, "203.0.113.6").status_code == 302  # the next one is not


@pytest.mark.django_db
def test_without_trust_everyone_behind_the_balancer_shares_one_count(client, world, settings):
    settings.TRUSTED_PROXIES = []
    fail_log_ins(client, "203.0.113.5", 10)
    assert log_in(client, world, "203.0.113.6").status_code == 200


def test_a_typo_in_trusted_proxies_stops_the_start():
    env = {**os.environ, "TRUSTED_PROXIES": "10.0.0.0/24, 10.0.0.300"}
    env["DJANGO_SETTINGS_MODULE"] = "kwaliteitslabel.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: TRUSTED_PROXIES: '10.0.0.300'" in result.stderr
