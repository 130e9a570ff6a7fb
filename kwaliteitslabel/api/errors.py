"""The API's error bodies, documented in the schema so clients (and schemathesis) can rely
on them: `{"detail": "..."}` for an error the endpoint raises itself, and for invalid input
(422) either that or ninja's list of problems, each naming the field in `loc`."""

from ninja import Field, Schema


class Error(Schema):
    detail: str


class Problem(Schema):
    type: str = Field(..., examples=["missing"])
    loc: list[str | int] = Field(..., description="waar: 'body', 'query' of 'path', dan het veld")
    msg: str


class Invalid(Schema):
    detail: str | list[Problem]


# For endpoints that take input: ninja answers 422 when it does not match the schema.
INVALID = {422: Invalid}
# For endpoints with a JSON body: ninja answers 400 when it cannot parse it at all.
BAD_BODY = {400: Error, 422: Invalid}
