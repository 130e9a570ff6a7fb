"""The client's address behind the load balancer (docs/operations.md, TRUSTED_PROXIES).

Behind a proxy REMOTE_ADDR is the proxy's, for every request, so a limit per address (the
log-in throttle) would count everybody together. Each proxy appends the address it received
the request from to X-Forwarded-For; reading that list from the right, the first address that
is not one of our proxies is the client. Everything to its left was sent by the client itself
and could say anything, and so could the whole header when the request did not come from one
of our proxies: then REMOTE_ADDR is the answer.
"""

import ipaddress

from django.conf import settings


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as a proxy may write it: bare, "a.b.c.d:port" or "[v6]:port"; else None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 peer seen by a server listening on IPv6 (::ffff:10.0.0.1) is the IPv4 address.
    return getattr(address, "ipv4_mapped", None) or address


def _trusted(address) -> bool:
    return address is not None and any(address in net for net in settings.TRUSTED_PROXIES)


def client_address(request) -> str:
    """The client's IP address: REMOTE_ADDR, or behind our proxies the one they saw."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _trusted(_address(remote)):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # Our proxy wrote something that is no address: misconfigured, so no client to
            # name; the proxy's own address is at least not the client's lie.
            return remote
        if not _trusted(address):
            return str(address)
    # Only proxies in the chain: the request began inside our own network (a health check).
    return str(_address(hops[0])) if hops else remote
