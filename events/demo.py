"""Demo content of the events app: the North-West community's meetings (2020-2024), their
minutes and discussions (``events.community_demo``). Exchange sessions are loaded by
``exchange.demo``, which runs before this module."""

from events import community_demo


def load(stdout) -> None:
    community_demo.load(stdout)
