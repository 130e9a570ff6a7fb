SWN_STAFF = {"swn_secretariat", "swn_adviser"}

ACCESS = [
    ("members:member_list", lambda w: {}, SWN_STAFF),
]
