SWN_STAFF = {"swn_secretariat", "swn_adviser"}

ACCESS = [
    ("bodies:body_list", lambda w: {}, SWN_STAFF),
]
