"""Hypothesis settings for the property suites: modest by default, scaled up by one variable.

``IRP_HYPOTHESIS_EXAMPLES=10000`` turns the same tests into a benchmark-sized
run without editing code. The example database is off so test runs leave no
``.hypothesis/`` folder in the working tree; a failure still prints the
smallest example and a reproduction blob.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "irp",
    max_examples=int(os.environ.get("IRP_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("irp")
