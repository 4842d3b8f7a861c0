"""The bounds of demand inputs, for configs and the Erlang calculator alike.

Past them the queueing math would overflow or search for ages, and no contact center comes
near them. Each is listed in the README's Limits section and named in the message that
refuses a value beyond it. Light on purpose: the command line imports it at start-up.
"""

from __future__ import annotations

MAX_CONTACTS_A_DAY = 10_000_000
"""Contacts a stream brings in a day (China's banks together answer some 2 million)."""
MAX_SECONDS = 86_400
"""A handle, answer or wait time: at most a day."""
MIN_SECONDS = 0.001
"""A handle time or a mean patience: at least a millisecond, so that the ratios of other
times to it stay finite."""
MIN_INTERVAL_SECONDS = 1
"""An interval of the Erlang calculator: at least a second."""
MAX_RESPONSE_HOURS = 8_760
"""Deferred work is finished within a year at most."""
MAX_WEIGHT = 1e9
"""A relative weight of a weekday or an interval."""
MAX_FRACTION = 100
"""A stream at most a hundred times another's volume."""
MAX_AGENTS_ON_DUTY = 100_000
"""A floor of agents, and the most agents the queueing engine solves for in one interval."""
MAX_SCENARIOS = 20
"""Scenarios in one config: `ccorg check` plans every one, and each costs a whole plan."""
MAX_INTERVAL_SECONDS = 7 * 86_400
"""An interval of the Erlang calculator: at most a week."""
MAX_SHIFT_TEMPLATES = 50
"""Shift templates in a config."""
MAX_BREAKS = 4
"""Breaks in one shift template (each multiplies the placements the solver weighs)."""
MAX_SHIFT_COLUMNS = 200_000
"""Shift columns (template × weekday × start × break placement) of one post's schedule."""
MAX_SOLVE_SECONDS = 3_600
"""The time the shift solver may take for one post."""
MAX_CHECK_SCENARIO_SOLVE_SECONDS = 5
"""The time the shift solver may take in all for the scenarios of one config in `ccorg check`
(the base plan solves with the config's own time limit, as `ccorg plan` does)."""
MIN_SOLVE_SECONDS = 0.2
"""The least time one solve gets from a budget: enough for HiGHS to find a whole-shift plan."""
MAX_COMPARE_SOLVE_SECONDS = 60
"""The time the shift solver may take in all for the plans of one `ccorg compare`; past it the
comparison is refused (its plans' numbers must be the ones `ccorg plan` gives)."""
MAX_POSTS = 500
"""Posts (roles, not people) in a config, the center's and every department's together; a
scenario's added posts count too. Every view lists each post, and a plan derives each."""
MAX_DEPARTMENTS = 200
"""Departments in a config."""
MAX_STREAMS = 50
"""Demand streams in a config: each is solved interval by interval."""
