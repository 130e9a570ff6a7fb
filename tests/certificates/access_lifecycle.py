"""Rows of the role x URL matrix: lifecycle (issue 9).

The reminder moments (Bijlage 6 stap 16) are set by SWN's secretariat only
(`rules.can_set_reminders`); advisers, governance, members, bodies and the public are refused.
"""

ACCESS = [
    ("certificates:reminders", lambda w: {}, {"swn_secretariat"}),
]
