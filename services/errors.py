"""Domain errors. Routes map them to HTTP codes; pages show their message, under `field` when it names one."""


class BakeryError(Exception):
    """Base of every error a client or a member of staff can cause."""

    status_code = 400

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field  # the input it is about (as the request names it), or None for the request as a whole


class NotFound(BakeryError):
    status_code = 404


class Conflict(BakeryError):
    """The request is well formed but clashes with the current state (sold out, illegal move, lost race)."""

    status_code = 409


class Invalid(BakeryError):
    """The request is well formed JSON but breaks a bakery rule (pickup in the past, too soon, closed)."""

    status_code = 422


class Forbidden(BakeryError):
    """The account is signed in but its role may not make this change."""

    status_code = 403
