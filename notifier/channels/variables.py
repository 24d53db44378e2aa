"""Which delivery variables the config names, counted for `fundwatch sources check`: the Slack
and Teams settings a subscription (or the curators, in settings.yaml) needs, and whether each is
set in the environment the check runs in. Names only, never a value (a webhook URL is a secret).

The service's environment may not be the shell's (a systemd EnvironmentFile), so an unset one is
said, not judged: `notify` judges it (missing.py). A pure function of the config and the
environment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from config.lazy_pattern import lazy_pattern
from config.models import Settings, Subscription
from notifier.channels.missing import is_set
from notifier.channels.slack.webhook_url import webhook_url_problem
from notifier.channels.teams.webhook_url import teams_url_problem

TOKEN = "SLACK_BOT_TOKEN"
# A Bot User OAuth Token, or its rotating form. A value pasted with its quotes, with "Bearer "
# before it, or the user token (xoxp-) from the same page fails every bot-token alert for good
# (invalid_auth), found only once notify runs: the check says so, never the value.
_BOT_TOKEN = lazy_pattern(r"(xoxe\.)?xoxb-\S+")


def token_state(env: Mapping[str, str]) -> str:
    """'set', 'not set here', or set to something that is not a bot token."""
    if not is_set(env, TOKEN):
        return "not set here"
    if _BOT_TOKEN.fullmatch(env[TOKEN].strip()) is None:
        return "set, but not a bot token: Slack takes the Bot User OAuth Token, xoxb-…"
    return "set"


def users_of(who: Sequence[str]) -> str:
    """'3 subscription(s) and the curators' for the targets named (`curators` among them or not)."""
    count = len([w for w in who if w != "curators"])
    said = f"{count} subscription(s)" if count else ""
    if "curators" in who:
        said = f"{said} and the curators" if said else "the curators"
    return said


def _variables(
    named: Mapping[str, list[str]], env: Mapping[str, str], refused: Callable, kind: str
) -> str:
    """How many variables, which are unset and which hold an address `notify` would refuse (a
    Teams URL pasted into a Slack variable, a URL cut short): the latter fail every alert for
    good, as an unset one does, so the check names them too, never their values."""
    unset = [name for name in named if not is_set(env, name)]
    unusable = [
        name
        for name in named
        if is_set(env, name) and refused(name, env[name].strip(), env) is not None
    ]
    said = f"{len(named)} variable(s), " + (f"not set here: {', '.join(unset)}" if unset else "")
    if unusable:
        said += ("; " if unset else "") + f"not a {kind} webhook URL: {', '.join(unusable)}"
    return said if unset or unusable else f"{said}all set here"


def variable_lines(
    subscriptions: Sequence[Subscription], settings: Settings, env: Mapping[str, str]
) -> list[str]:
    """One line for Slack and one for Teams, each when some target uses it; none otherwise."""
    targets = [(s.id, s.slack, s.teams) for s in subscriptions]
    curators = settings.curators
    targets.append(("curators", curators.slack, curators.teams))
    lines = []
    by_token = [who for who, slack, _ in targets if slack is not None and slack.channel]
    hooks: dict[str, list[str]] = {}
    for who, slack, _ in targets:
        if slack is not None and slack.webhook_env:
            hooks.setdefault(slack.webhook_env, []).append(who)
    parts = []
    if by_token:
        users = users_of(by_token)
        parts.append(f"{users} by {TOKEN} ({token_state(env)})")
    if hooks:
        users = users_of([who for names in hooks.values() for who in names])
        parts.append(
            f"{users} by their own webhook variable ({_variables(hooks, env, webhook_url_problem, 'Slack')})"
        )
    if parts:
        lines.append("slack: " + "; ".join(parts))
    teams: dict[str, list[str]] = {}
    for who, _, target in targets:
        if target is not None:
            teams.setdefault(target.webhook_env, []).append(who)
    if teams:
        users = users_of([who for names in teams.values() for who in names])
        lines.append(
            f"teams: {users} by their own webhook variable ({_variables(teams, env, teams_url_problem, 'Teams Workflows')})"
        )
    return lines
