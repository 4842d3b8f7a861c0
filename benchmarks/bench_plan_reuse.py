"""Does planning a config's scenarios reuse what the base derived?

    python benchmarks/bench_plan_reuse.py [--posts 472]

It loads the bank grown by ``--posts`` fixed posts with 20 scenarios (as `bench_limits.py`
writes it; by default at the limits of posts and scenarios: 500 posts with the scenarios'
additions), validates the base and each scenario once
(as `ccorg check` does), solves every shift plan once, then times `build_plan` over the base
and its 20 scenarios two ways, best of 3, in this process (CPU seconds: the machine may be
shared):

- baseline: each config planned alone (a fresh cache each, as `ccorg plan --scenario` does);
- shared: one `PlanCache` across them (as `ccorg check` and `ccorg compare` do), so a
  scenario derives again only the posts it changes and what counts them.

It checks that both ways give the same headcount for every post of every plan.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_limits

from ccorg.config.loader import load_yaml, read_source
from ccorg.errors import ConfigError
from ccorg.limits import MAX_POSTS
from ccorg.pipeline import LoadedConfig, load_document, load_scenario, plan_config
from ccorg.plan import Plan
from ccorg.staffing.plan_cache import PlanCache


def plans(configs: list[LoadedConfig], shared: bool) -> tuple[float, list[Plan]]:
    cache = PlanCache()
    started = time.process_time()
    made = [plan_config(loaded, cache if shared else PlanCache()) for loaded in configs]
    return time.process_time() - started, made


def main() -> None:
    parser = argparse.ArgumentParser()
    # The bank has 26 posts and a scenario adds 2.
    parser.add_argument("--posts", type=int, default=MAX_POSTS - 28)
    options = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="ccorg-reuse-")) / "grown.yaml"
    path.write_text(bench_limits.grown(options.posts, 18), encoding="utf-8")
    document = load_yaml(*read_source(str(path)))
    try:
        base = load_document(document, None, str(path))
    except ConfigError as error:  # past a limit, say
        sys.exit(str(error))
    configs = [base] + [
        load_scenario(document, base, name, str(path)) for name in base.config.scenarios
    ]
    plans(configs, shared=False)  # every shift plan solved once, for both ways alike
    alone = min(plans(configs, shared=False)[0] for _ in range(3))
    shared = min(plans(configs, shared=True)[0] for _ in range(3))
    _, expected = plans(configs, shared=False)
    _, got = plans(configs, shared=True)
    same = all(
        [(p.id, p.headcount) for p in a.all_posts()] == [(p.id, p.headcount) for p in b.all_posts()]
        for a, b in zip(expected, got, strict=True)
    )
    posts = len(base.config.located_posts())
    print(f"{len(configs)} plans of the bank grown to {posts:,} posts")
    print(f"{'way':<28} {'CPU s':>8} {'per plan':>9} {'× baseline':>10}")
    for name, seconds in (("baseline: each alone", alone), ("shared PlanCache", shared)):
        print(f"{name:<28} {seconds:>8.2f} {seconds / len(configs):>9.3f} {seconds / alone:>10.2f}")
    print("same headcounts:", "yes" if same else "NO")


if __name__ == "__main__":
    main()
