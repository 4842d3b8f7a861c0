"""The policy rules, one module each; this order is the order they run and are documented."""

from ccorg.checks.rules import (
    budget,
    establishment,
    flat_profile,
    leaders_per_shift,
    occupancy_cap,
    partial_current,
    reporting_line,
    service_level_target,
    shrinkage_band,
    simulated_service_level,
    span_of_control,
    unused_grade,
)

POLICY_RULES = tuple(
    module.RULE
    for module in (
        reporting_line,
        span_of_control,
        leaders_per_shift,
        establishment,
        partial_current,
        budget,
        unused_grade,
        occupancy_cap,
        shrinkage_band,
        service_level_target,
        flat_profile,
        simulated_service_level,
    )
)
