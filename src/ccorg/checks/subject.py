"""What policy rules read: the config, its plan, its demand figures and their data paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ccorg.checks.demand import DemandFacts
from ccorg.config.loader import DataPath
from ccorg.config.schema import Config
from ccorg.plan import Plan, PostPlan

if TYPE_CHECKING:
    from ccorg.simulate import Simulation


@dataclass(frozen=True)
class Subject:
    """A loaded, planned config. Rules read it and report data paths; they never locate."""

    config: Config
    plan: Plan
    demand: DemandFacts = field(default_factory=DemandFacts)

    @cached_property
    def post_paths(self) -> dict[str, DataPath]:
        return {post.id: path for path, _, post in self.config.located_posts()}

    def simulation(self, replications: int, seed: int) -> Simulation:
        """Every voice and chat stream of the plan simulated at its requirement, as
        ``ccorg simulate`` does by default with these ``replications`` and ``seed``."""
        from ccorg.simulate import simulate_at_requirement

        return simulate_at_requirement(self.plan, replications, seed)

    def describe(self, post: PostPlan) -> str:
        """A post as a message names it: ``运营部·经理 (ops_manager)``."""
        return f"{post.qualified_name} ({post.id})"
