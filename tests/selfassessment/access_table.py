"""Rows of the role x URL matrix for the self-assessment (tests/access/test_matrix.py).

Self-assessments belong to member A; the world's professional takes part in A's. Member B's
is refused to everyone of A, to bodies without a share, to SWN and the public.
"""

ACCESS = []
