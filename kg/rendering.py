"""The one Jinja2 environment of the project: the site's pages and the endpoint's own pages
(kg/templates, the endpoint's under endpoint/), autoescape always on, unknown variables an error.

    >>> environment().get_template("endpoint/no-site.html").render(site="site", reason="", count=3)
"""

from __future__ import annotations

from functools import lru_cache

import orjson

from kg.i18n import LANGUAGES
from kg.resources import TEMPLATES_DIR


@lru_cache(maxsize=1)
def environment():
    """Return the environment, made once per process (its compiled templates are kept)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = script_json
    env.globals["LANGUAGES"] = LANGUAGES
    return env


def dumps(obj) -> str:
    """Return the JSON text of a page's data: the twin file holds exactly this (the text
    json.dumps(obj, ensure_ascii=False, separators=(",", ":")) gives, several times faster)."""
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")


def script_json(obj):
    """Return JSON safe inside <script type="application/json">: no '<', '>' or '&' left.

    `obj` may be JSON text already (a page's twin), which is then escaped as it stands."""
    from markupsafe import Markup

    text = obj if isinstance(obj, str) else dumps(obj)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
