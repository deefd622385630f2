"""NiceGUI's "does this handler take an argument?" answered once per function, not once per element.

Every NiceGUI element makes three observable collections (props, classes, style), and each asks
`helpers.expects_arguments` about its change handler, which runs `inspect.signature` on it. A storefront page has
~100 elements: py-spy on `bakeops serve` under wrk put 19 % of serve's CPU per storefront build in that one check
(bench.storefront). The answer depends only on the function's code and which parameters have defaults, so it is
kept per code object; a handler whose signature could say otherwise (a `functools.wraps` wrapper, a `__signature__`,
a partial, a callable object) is asked the slow way every time, as before.
"""

from collections.abc import Callable
from types import FunctionType, MethodType

from nicegui import helpers

_slow_check = helpers.expects_arguments
_known: dict[tuple, bool] = {}


def expects_arguments(func: Callable) -> bool:
    key = _key(func)
    if key is None:
        return _slow_check(func)
    answer = _known.get(key)
    if answer is None:
        answer = _known[key] = _slow_check(func)
    return answer


def _key(func: Callable) -> tuple | None:
    bound = type(func) is MethodType
    plain = func.__func__ if bound else func
    if type(plain) is not FunctionType or hasattr(plain, "__wrapped__") or hasattr(plain, "__signature__"):
        return None
    # Which parameters have defaults decides the answer, not what the defaults are.
    return plain.__code__, len(plain.__defaults__ or ()), tuple(plain.__kwdefaults__ or ()), bound


def check_handlers_once() -> None:
    # NiceGUI's modules call it as `helpers.expects_arguments(...)`, so replacing the attribute reaches them all.
    helpers.expects_arguments = expects_arguments
