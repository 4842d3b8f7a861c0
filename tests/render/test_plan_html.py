"""The HTML page as a reader's browser shows it: one file that loads nothing, with the chart,
the summary, every department and derivation, and every stream's heatmap."""

from __future__ import annotations

import http.server
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from PIL import Image

from ccorg.commands.export import ExportFormat, render_export
from ccorg.i18n import Language, use_language
from ccorg.pipeline import plan_file
from ccorg.render.html_page import CONTENT_SECURITY_POLICY
from ccorg.render.org_chart import org_chart
from ccorg.render.plan_html import render_plan_html
from ccorg.render.plan_json import plan_to_dict

from .browser import csp_violations, dump_dom, screenshot

REPO = Path(__file__).resolve().parents[2]
BANK = str(REPO / "configs" / "bank.yaml")
SITES = str(REPO / "configs" / "examples" / "two_sites.yaml")


class _Page(HTMLParser):
    """What a page holds: its text, its elements' attributes, its chart's nesting."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.chart_parent: dict[str, str | None] = {}
        self._items: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attributes.append((tag, found))
        if tag == "li" and found.get("data-key"):
            key = str(found["data-key"])
            self.chart_parent[key] = next((k for k in reversed(self._items) if k), None)
            self._items.append(key)
        elif tag == "li":
            self._items.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._items.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def bank():
    return plan_file(BANK)


def test_the_page_loads_nothing_from_anywhere(bank):
    html = render_plan_html(bank, BANK)
    page = parse(html)
    csp = [a for tag, a in page.attributes if tag == "meta" and a.get("http-equiv")]
    assert csp == [{"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY}]
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY
    for tag, attributes in page.attributes:
        assert tag not in ("script", "link", "img", "iframe", "object")
        for name in ("src", "href", "action"):
            assert name not in attributes, (tag, attributes)
    # The one URL on the page is SVG's namespace, which names and loads nothing.
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}


def test_the_chart_is_the_reporting_tree(bank):
    page = parse(render_plan_html(bank, BANK))
    chart = org_chart(bank)
    assert page.chart_parent == {node.key: chart.parent.get(node.key) for node in chart.nodes}
    # In the bank, 副总经理 heads the five departments.
    deputy = next(n for n in chart.nodes if n.name == "副总经理")
    departments = [n for n in chart.nodes if n.kind == "department"]
    assert [page.chart_parent[d.key] for d in departments] == [deputy.key] * 5


def test_the_page_holds_the_json_plans_totals_and_every_derivation(bank):
    document = plan_to_dict(bank)
    text = " ".join(parse(render_plan_html(bank, BANK)).text)
    assert f"{document['total_headcount']}" in text
    for department in document["departments"]:
        assert department["name"] in text
    for post in bank.all_posts():
        for step in post.steps:
            assert step in text
    for stream in bank.streams:
        assert f"{stream.name} ({stream.id})" in text


def test_names_from_the_config_stay_text(tmp_path):
    config = (
        Path(BANK)
        .read_text(encoding="utf-8")
        .replace(
            "name: 客服中心", "name: '<script>alert(1)</script><img src=x onerror=alert(2)>'", 1
        )
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(config, encoding="utf-8")
    html = render_plan_html(plan_file(str(path)), str(path))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_sub_departments_nest_and_roll_up_on_the_page():
    plan = plan_file(SITES)
    page = parse(render_plan_html(plan, SITES))
    chart = org_chart(plan)
    assert page.chart_parent == {node.key: chart.parent.get(node.key) for node in chart.nodes}
    text = " ".join(page.text)
    for department in plan.departments:
        assert str(plan.total_figures(department.id).headcount) in text
    assert plan.budget is not None
    assert "Budget" in text and f"{plan.budget:,.0f}" in text


def test_chinese_page_speaks_chinese(bank):
    use_language(Language.zh)
    html = render_plan_html(bank, BANK)
    assert '<html lang="zh-CN">' in html
    text = " ".join(parse(html).text)
    assert "按汇报关系的组织架构图" in text
    assert "周一" in text and "周日" in text
    english = render_export(bank, ExportFormat.html)
    use_language(Language.en)
    assert render_export(bank, ExportFormat.html) != english
    assert "Org chart by reporting line" in " ".join(
        parse(render_export(bank, ExportFormat.html).decode()).text
    )


# ---- In a real browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bank_page(tmp_path_factory, bank):
    path = tmp_path_factory.mktemp("html") / "plan.html"
    path.write_text(render_plan_html(bank, BANK), encoding="utf-8")
    return path


def test_chromium_shows_every_department_and_the_totals(bank_page, bank):
    loaded = dump_dom(bank_page)
    assert csp_violations(loaded.log) == []
    for department in bank.departments:
        assert department.name in loaded.stdout
    assert f'data-total="headcount">{bank.departments[0].headcount}<' in loaded.stdout


def test_the_screenshot_is_the_whole_page_and_not_blank(bank_page, tmp_path):
    shot = tmp_path / "plan.png"
    screenshot(bank_page, shot, height=7000)
    image = Image.open(shot).convert("L")
    width, height = image.size
    assert (width, height) == (1280, 7000)
    pixels = image.load()
    inked = [y for y in range(0, height, 4) if any(pixels[x, y] < 200 for x in range(0, width, 8))]
    assert len(inked) > 200  # text, boxes and heatmaps, not a blank page
    # The page ends above the window's bottom: all of it is in the screenshot.
    assert inked[-1] < height - 40


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counting.requests.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_the_content_policy_blocks_an_injected_external_image(tmp_path, bank):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_address[1]}/pixel.png"
        html = render_plan_html(bank, BANK).replace("</body>", f'<img src="{address}"></body>')
        guarded = tmp_path / "guarded.html"
        guarded.write_text(html, encoding="utf-8")
        loaded = dump_dom(guarded)
        assert _Counting.requests == []
        assert any("pixel.png" in line for line in csp_violations(loaded.log))
        # The same page without its policy does load it: the server would have seen it.
        bare = tmp_path / "bare.html"
        bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html))
        dump_dom(bare)
        assert _Counting.requests == ["/pixel.png"]
    finally:
        server.shutdown()
        server.server_close()


def test_a_config_with_capacity_shows_its_months_as_ccorg_capacity_does(run_cli, tmp_path):
    from ccorg.pipeline import capacity_file
    from ccorg.render.capacity_json import capacity_to_dict

    out = tmp_path / "plan.html"
    result = run_cli("export", BANK, "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    html = out.read_text(encoding="utf-8")
    document = capacity_to_dict(capacity_file(BANK))
    section = html[html.index('<section id="capacity">') :]
    tables = section.split('<table class="months">')[1:]
    assert len(tables) == len(document["posts"])
    for table, post in zip(tables, document["posts"], strict=True):
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</table>")[0], re.S)[1:]
        cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows]
        assert [c[0] for c in cells] == document["months"]
        assert [float(c[1].replace(",", "")) for c in cells] == pytest.approx(
            post["required_fte"], abs=0.05
        )
        assert [float(c[6].replace(",", "")) for c in cells] == pytest.approx(
            post["productive_fte"], abs=0.05
        )
    # A config without a capacity section has no such section.
    sites = tmp_path / "sites.html"
    assert run_cli("export", SITES, "-o", str(sites)).exit_code == 0
    assert 'id="capacity"' not in sites.read_text(encoding="utf-8")


def test_a_config_that_simulates_its_week_shows_the_simulated_service_level(run_cli, tmp_path):
    from ccorg.simulate import SimulationOptions, simulate_plan

    config = tmp_path / "simulated.yaml"
    config.write_text(
        Path(BANK).read_text(encoding="utf-8")
        + "\npolicies:\n  simulated-service-level: {severity: warning, replications: 8, seed: 3}\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.html"
    result = run_cli("export", str(config), "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    html = out.read_text(encoding="utf-8")
    plan = plan_file(str(config))
    simulation = simulate_plan(
        plan, [s.id for s in plan.streams], SimulationOptions(replications=8, seed=3)
    )
    section = html[html.index('<section id="simulation">') :]
    for stream in simulation.streams:
        week = float(stream.week.service_level.mean)
        assert f"Simulated week: {week:.1%} within" in section
        assert f"{stream.plan.name} ({stream.id})" in section
    # The bank as shipped does not ask for a simulation: its page has none.
    assert '<section id="simulation">' not in render_plan_html(plan_file(BANK), BANK)


def test_a_config_with_shifts_shows_the_shift_plans_coverage(run_cli, tmp_path):
    from ccorg.pipeline import load_config, schedule_config

    out = tmp_path / "plan.html"
    assert run_cli("export", BANK, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    section = html[
        html.index('<section id="shifts">') : html.index(
            "</section>", html.index('<section id="shifts">')
        )
    ]
    (plan,) = schedule_config(load_config(BANK), ["agent"])
    assert f"efficiency {plan.efficiency:.1%}" in section
    assert f"schedule fit {plan.schedule_fit:.1%}" in section
    assert section.count("<rect ") == plan.requirement.size
    assert '<section id="shifts">' not in render_plan_html(plan_file(SITES), SITES)
