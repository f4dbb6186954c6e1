"""Patch to moto 5.2.1: the server lists moto's modules once, not once per request.

moto's server asks backends.list_of_moto_modules() for every request it dispatches: a listdir and a
stat per moto module (about 170) of a package folder that does not change while the server runs.
The list is read once at start and handed out unchanged.
"""


def apply():
    from moto import backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: iter(modules)
