from tests.world import EVERYONE

PUBLIC = EVERYONE

ACCESS = [
    ("home", lambda w: {}, PUBLIC),
    ("frameworks:framework_list", lambda w: {}, PUBLIC),
    ("frameworks:framework_detail", lambda w: {"version": "2019"}, PUBLIC),
    ("frameworks:norm_detail", lambda w: {"version": "2019", "code": "V12"}, PUBLIC),
    ("frameworks:terminology", lambda w: {"version": "2019"}, PUBLIC),
    ("frameworks:crosswalk", lambda w: {"version": "2016", "slug": "iso-9001-2015"}, PUBLIC),
    ("frameworks:branch_code", lambda w: {}, PUBLIC),
    ("frameworks:search", lambda w: {}, PUBLIC),
    ("api-v1:openapi-json", lambda w: {}, PUBLIC),
    ("api-v1:openapi-view", lambda w: {}, PUBLIC),
    ("api-v1:list_frameworks", lambda w: {}, PUBLIC),
    ("api-v1:list_norms", lambda w: {"version": "2019"}, PUBLIC),
    ("api-v1:crosswalk", lambda w: {"version": "2019", "slug": "iso-9001-2015"}, PUBLIC),
]
