from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: people come in through an invitation (issue 3)."""

    def is_open_for_signup(self, request):
        return False
