from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from kwaliteitslabel.common.proxies import client_address


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: people come in through an invitation (issue 3)."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """The log-in throttle counts per client, not per load balancer (TRUSTED_PROXIES)."""
        address = client_address(request)
        if not address:
            # allauth's own answer too: a throttle per address needs an address.
            raise PermissionDenied("Het adres van de bezoeker is onbekend.")
        return address
