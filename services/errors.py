"""Domain errors. Routes map them to HTTP codes; pages show their message."""


class BakeryError(Exception):
    """Base of every error a client or a member of staff can cause."""

    status_code = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(BakeryError):
    status_code = 404


class Conflict(BakeryError):
    """The request is well formed but clashes with the current state (sold out, illegal move, lost race)."""

    status_code = 409


class Invalid(BakeryError):
    """The request is well formed JSON but breaks a bakery rule (pickup in the past, too soon, closed)."""

    status_code = 422
