from tests.world import EVERYONE

ACCESS = [
    ("audits:calculator", lambda w: {}, EVERYONE),
    (
        "api-v1:audit_days",
        lambda w: {},
        EVERYONE,
        {"method": "post", "json": {"variant": "body", "fte": 12}},
    ),
    ("api-v1:cost", lambda w: {}, EVERYONE, {"method": "post", "json": {"days": 2.5}}),
]
