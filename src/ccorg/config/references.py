"""Cross-references a schema cannot see: ids that must exist, be unique, and not loop."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable

from ccorg.config.capacity_references import check_capacity
from ccorg.config.loader import DataPath, SourceMap
from ccorg.config.reference_facts import (
    Sound,
    located_post_ids,
    post_id_set,
    posts_to_check,
    reporting_lines,
    sound_in,
    workload_posts,
)
from ccorg.config.schema import ConcurrentRule, Config, RatioRule, WorkloadRule
from ccorg.errors import Problem
from ccorg.i18n import N_, _

# Unknown ids past this many get no "did you mean": each suggestion compares the id with
# every known one, and a file of thousands of broken references must still be told at once.
_SUGGESTED = 20


class _Report:
    """Collects the located problems of one config; suggests the id meant, a few times."""

    def __init__(self, source_map: SourceMap) -> None:
        self.source_map = source_map
        self.problems: list[Problem] = []
        self.suggestions_left = _SUGGESTED

    def __call__(self, path: DataPath, message: str, code: str = "reference") -> None:
        self.problems.append(Problem(self.source_map.locate(path), message, code))

    def closest(self, wanted: str, known: Iterable[str]) -> str | None:
        """The known id closest to ``wanted``, while suggestions are left."""
        if self.suggestions_left <= 0:
            return None
        self.suggestions_left -= 1
        close = difflib.get_close_matches(wanted, sorted(known), n=1)
        return close[0] if close else None


def check_references(
    config: Config, source_map: SourceMap, base: Config | None = None
) -> list[Problem]:
    """Every problem with ids in ``config``, located; an empty list when all is well.

    ``base``: a config whose references are sound and that ``config`` was overlaid on (a
    scenario on its base plan). Where both hold the same ids in the same order, those ids
    are unique again, and a post that is base's very object refers soundly again: only the
    posts the overlay made are checked, so a scenario costs what it changes.
    """
    report = _Report(source_map)
    problems = report.problems
    sound = sound_in(config, base)

    def line_of(path: DataPath) -> int | None:
        return source_map.locate(path).line

    grade_ids = _Unique(report, line_of, sound.unique).ids(
        ((("grades", i, "id"), g.id) for i, g in enumerate(config.grades)), N_("grade")
    )
    # Posts, departments and the center share one namespace: a ratio's `of` names any of them.
    unique = _Unique(report, line_of, sound.unique)
    unique.ids([(("center", "id"), config.center.id)], N_("center"))
    department_ids = unique.ids(
        ((("departments", i, "id"), d.id) for i, d in enumerate(config.departments)),
        N_("department"),
    )
    post_ids = (
        post_id_set(config) if sound.unique else unique.ids(located_post_ids(config), N_("post"))
    )
    ratio_targets = post_ids | department_ids | {config.center.id}
    # Scenario names are typed on the command line (`-s lean`, `bank.yaml@lean`): two that
    # differ only by case or Unicode form are one name to whoever types it.
    _Unique(report, line_of).ids(
        ((("scenarios", name), name) for name in config.scenarios), N_("scenario")
    )

    for index, grade in enumerate(config.grades):
        if grade.currency and grade.currency != config.center.currency:
            report(
                ("grades", index, "currency"),
                _(
                    "grade {grade!r} is costed in {currency} but the center in {center}; "
                    "one currency per config"
                ).format(grade=grade.id, currency=grade.currency, center=config.center.currency),
                "value",
            )
    for index, department in enumerate(config.departments):
        if department.parent is not None:
            _must_exist(
                ("departments", index, "parent"),
                department.parent,
                department_ids,
                N_("department"),
                report,
            )
    for path, _department, post in posts_to_check(config, sound):
        _must_exist((*path, "grade"), post.grade, grade_ids, N_("grade"), report)
        if post.reports_to is not None:
            if post.reports_to == post.id:
                report(
                    (*path, "reports_to"), _("post {post!r} reports to itself").format(post=post.id)
                )
            else:
                _must_exist((*path, "reports_to"), post.reports_to, post_ids, N_("post"), report)
        rule = post.rule
        if isinstance(rule, RatioRule):
            for i, target in enumerate(rule.of):
                _must_exist(
                    (*path, "rule", "of", i),
                    target,
                    ratio_targets,
                    N_("post, department or center"),
                    report,
                )
        if isinstance(rule, ConcurrentRule) and rule.held_by_post is not None:
            if rule.held_by_post == post.id:
                report(
                    (*path, "rule", "held_by_post"),
                    _("post {post!r} is held by itself").format(post=post.id),
                )
            else:
                _must_exist(
                    (*path, "rule", "held_by_post"), rule.held_by_post, post_ids, N_("post"), report
                )
    _check_workload(config, report, line_of, sound)
    _check_shifts(config, report, line_of, sound)
    leader_posts = config.policies.leaders_per_shift.leader_posts if config.policies else None
    for i, leader in enumerate(leader_posts or ()):
        _must_exist(
            ("policies", "leaders-per-shift", "leader_posts", i),
            leader,
            post_ids,
            N_("post"),
            report,
        )
    problems.extend(check_capacity(config, source_map))
    if not problems:
        problems.extend(_loops(config, source_map, sound))
    return problems


def _check_workload(
    config: Config, report: _Report, line_of: Callable[[DataPath], int | None], sound: Sound
) -> None:
    """Stream ids: unique, derived from existing streams without loops, each worked once."""
    streams = config.demand.streams if config.demand else []
    stream_ids = _Unique(report, line_of, sound.unique).ids(
        ((("demand", "streams", i, "id"), s.id) for i, s in enumerate(streams)), N_("stream")
    )
    derived_from: dict[str, str] = {}
    for index, stream in enumerate(streams):
        source = stream.volume.share_of
        path = ("demand", "streams", index, "volume", "share_of")
        if source is None:
            continue
        if source == stream.id:
            report(path, _("stream {stream!r} is a share of itself").format(stream=stream.id))
        elif source in stream_ids:
            derived_from[stream.id] = source
        else:
            _must_exist(path, source, stream_ids, N_("stream"), report)
    stream_index = {stream.id: i for i, stream in enumerate(streams)}
    for cycle in find_cycles(derived_from):
        report(
            ("demand", "streams", stream_index[cycle[0]], "volume", "share_of"),
            _("stream volumes derive from each other: {cycle}").format(cycle=" -> ".join(cycle)),
            "cycle",
        )
    worked_by: dict[str, str] = {}
    for post_path, _department, post in workload_posts(config):
        rule = post.rule
        assert isinstance(rule, WorkloadRule)
        if config.demand is None:
            report(
                (*post_path, "rule"),
                _("workload post {post!r} needs a top-level 'demand'").format(post=post.id),
            )
            continue
        if rule.shrinkage is None and config.shrinkage is None:
            report(
                (*post_path, "rule"),
                _(
                    "workload post {post!r} needs a shrinkage: give a top-level 'shrinkage' "
                    "or the rule's own"
                ).format(post=post.id),
            )
        for i, stream_id in enumerate(rule.streams):
            where = (*post_path, "rule", "streams", i)
            if stream_id not in stream_ids:
                _must_exist(where, stream_id, stream_ids, N_("stream"), report)
            elif stream_id in worked_by:
                report(
                    where,
                    _("stream {stream!r} is already worked by {post!r}").format(
                        stream=stream_id, post=worked_by[stream_id]
                    ),
                )
            else:
                worked_by[stream_id] = post.id


def _check_shifts(
    config: Config, report: _Report, line_of: Callable[[DataPath], int | None], sound: Sound
) -> None:
    """Shift template ids: unique, and each one a workload rule names exists."""
    templates = config.shifts.templates if config.shifts else []
    template_ids = _Unique(report, line_of, sound.unique).ids(
        ((("shifts", "templates", i, "id"), t.id) for i, t in enumerate(templates)),
        N_("shift template"),
    )
    for post_path, _department, post in workload_posts(config):
        rule = post.rule
        assert isinstance(rule, WorkloadRule)
        if config.shifts is None and (rule.shifts or rule.schedule_fit == "auto"):
            field = "shifts" if rule.shifts else "schedule_fit"
            report(
                (*post_path, "rule", field),
                _(
                    "workload post {post!r} names shifts, but the config has no top-level "
                    "'shifts' section"
                ).format(post=post.id),
            )
            continue
        for i, template_id in enumerate(rule.shifts or ()):
            where = (*post_path, "rule", "shifts", i)
            _must_exist(where, template_id, template_ids, N_("shift template"), report)


class _Unique:
    """Ids must differ by more than case or Unicode form: ``Agent`` and ``agent``, full-width
    ``ａｇｅｎｔ``, or a Kelvin sign for a K read as one id to a person, so they are one id here.

    ``names`` maps each id's folded form (NFKC, then case-folded) to what first held it;
    ``known``: the ids are known to be unique (see ``check_references``).
    """

    def __init__(
        self, report: _Report, line_of: Callable[[DataPath], int | None], known: bool = False
    ) -> None:
        self.report = report
        self.line_of = line_of
        self.known = known
        self.names: dict[str, tuple[str, str, DataPath]] = {}

    def ids(self, items: Iterable[tuple[DataPath, str]], what: str) -> set[str]:
        """The ids of ``items`` (each a path and an id) that are not a duplicate."""
        if self.known:
            return {item_id for _, item_id in items}
        kept: set[str] = set()
        for path, item_id in items:
            folded = (
                item_id.lower()  # what NFKC and case-folding make of ASCII, at a tenth the cost
                if item_id.isascii()
                else unicodedata.normalize("NFKC", item_id).casefold()
            )
            first = self.names.get(folded)
            if first is None:
                self.names[folded] = (item_id, what, path)
                kept.add(item_id)
                continue
            first_id, first_what, first_path = first
            line = self.line_of(first_path)
            where = _(" on line {line}").format(line=line) if line is not None else ""
            kind, first_kind = _(what), _(first_what)
            if first_id == item_id and first_what == what:
                self.report(
                    path,
                    _("duplicate {what} id {id!r} (first{where})").format(
                        what=kind, id=item_id, where=where
                    ),
                )
            elif first_id == item_id:
                self.report(
                    path,
                    _("{what} id {id!r} is also a {first} id{where}").format(
                        what=kind, id=item_id, first=first_kind, where=where
                    ),
                )
            else:
                self.report(
                    path,
                    _(
                        "duplicate {what} id {id!r}{odd}: the same as {first} id {first_id!r}"
                        "{where} but for case or Unicode form"
                    ).format(
                        what=kind,
                        id=item_id,
                        odd=_odd_characters(item_id),
                        first=first_kind,
                        first_id=first_id,
                        where=where,
                    ),
                )
        return kept


def _odd_characters(item_id: str) -> str:
    """The characters of an id that Unicode normalization changes, by name: a Kelvin sign
    looks just like a K."""
    odd = [c for c in dict.fromkeys(item_id) if unicodedata.normalize("NFKC", c) != c]
    if not odd:
        return ""
    names = [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in odd[:2]]
    return " (" + ", ".join(names) + (", …" if len(odd) > 2 else "") + ")"


def _must_exist(path: DataPath, wanted: str, known: set[str], what: str, report: _Report) -> None:
    if wanted in known:
        return
    close = report.closest(wanted, known)
    hint = _("; did you mean {name}?").format(name=repr(close)) if close else ""
    report(path, _("unknown {what} {id!r}").format(what=_(what), id=wanted) + hint)


def _loops(config: Config, source_map: SourceMap, sound: Sound) -> list[Problem]:
    """Reporting lines and department parents must each form a tree."""
    problems = []
    reports_to = reporting_lines(config)
    # A loop among sound posts would have been their base's: one must pass through the rest.
    changed = [post.id for _, _, post in posts_to_check(config, sound)]
    if sound.unique and not find_cycles(reports_to, changed):
        reports_to = {}
    post_paths = {post.id: path for path, _, post in config.located_posts()} if reports_to else {}
    for cycle in find_cycles(reports_to):
        problems.append(
            Problem(
                source_map.locate((*post_paths[cycle[0]], "reports_to")),
                _("reporting line loops: {cycle}").format(cycle=" -> ".join(cycle)),
                "cycle",
            )
        )
    parents = {d.id: d.parent for d in config.departments if d.parent}
    department_index = {d.id: i for i, d in enumerate(config.departments)}
    for cycle in find_cycles(parents):
        problems.append(
            Problem(
                source_map.locate(("departments", department_index[cycle[0]], "parent")),
                _("department parents loop: {cycle}").format(cycle=" -> ".join(cycle)),
                "cycle",
            )
        )
    return problems


def find_cycles(successor: dict[str, str], starts: Iterable[str] | None = None) -> list[list[str]]:
    """Each distinct cycle in a graph where every node has at most one successor (reached
    from ``starts``, by default from every node).

    A cycle is returned as ``[a, b, a]``, starting at its first node in insertion order.
    """
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in successor if starts is None else starts:
        trail: dict[str, int] = {}  # the nodes walked, in order (a set: chains are long)
        node: str | None = start
        while node is not None and node not in done and node not in trail:
            trail[node] = len(trail)
            node = successor.get(node)
        if node is not None and node in trail:
            loop = list(trail)[trail[node] :]
            cycles.append([*loop, node])
        done.update(trail)
    return cycles
