"""The commented starter config that ``ccorg init`` writes; it passes ``ccorg check``."""

from __future__ import annotations

SCHEMA_MARK = "@SCHEMA@"

STARTER_CONFIG = """\
# yaml-language-server: $schema=@SCHEMA@
---
# A starter ccorg config: a small contact center open around the clock. Edit it, then
#   ccorg check THIS_FILE   schema, references and policies, each at its line
#   ccorg plan THIS_FILE    every post's headcount and how it was derived
version: 1

center:
  id: center
  name: Contact Center
  # '7x24', or opening windows per weekday: {mon: ["08:00-20:00"], sat: ["09:00-17:00"]}
  service_hours: 7x24
  currency: CNY
  # The center's own posts; only these may report to no one (the head of the center).
  posts:
    - id: head
      name: Head of center
      grade: head
      rule: {kind: fixed, count: 1}

# Grades (职级): rank 1 is the most senior; annual_cost is the fully loaded cost per head.
grades:
  - {id: head, name: Head, rank: 1, annual_cost: 500000}
  - {id: leader, name: Team leader, rank: 2, annual_cost: 220000}
  - {id: specialist, name: Specialist, rank: 3, annual_cost: 180000}
  - {id: agent, name: Agent, rank: 4, annual_cost: 130000}

departments:
  - id: service
    name: Customer service
    # 编制: the headcount this department is authorized to have.
    establishment: 60
    posts:
      - id: agent
        name: Agent
        grade: agent
        reports_to: team_leader
        frontline: true
        # fixed: a number the planner sets; the note says where it comes from.
        rule: {kind: fixed, count: 48, note: "about 2,500 calls a day"}
      - id: team_leader
        name: Team leader
        grade: leader
        reports_to: head
        # ratio: one person per `per` people of the posts or departments in `of`.
        rule: {kind: ratio, per: 12, of: [agent]}
        # never fewer than one leader per shift of a 7×24 floor
        min: 3
      - id: qa
        name: Quality analyst
        grade: specialist
        reports_to: head
        rule: {kind: ratio, per: 25, of: [agent]}
      - id: trainer
        name: Trainer
        grade: specialist
        reports_to: head
        rule: {kind: ratio, per: 40, of: [agent]}

# What `ccorg check` holds the plan to; each key is a rule id (`ccorg check --list-rules`).
policies:
  span-of-control: {min: 5, max: 15}
  leaders-per-shift: {shifts: 3}
  budget: {annual: 9000000}
"""


def starter_config(schema_reference: str) -> str:
    """The starter config with its modeline pointing at ``schema_reference``."""
    return STARTER_CONFIG.replace(SCHEMA_MARK, schema_reference)
